import type { SignInError } from '@vip/shared-dto';

/** A Google sign-in that must not proceed; `code` ends up in `login?error=<code>`. */
export class SignInRefusedError extends Error {
  override readonly name = 'SignInRefusedError';
  /** `email`: the address that tried, when the provider told us (for the audit trail). */
  constructor(
    readonly code: SignInError,
    readonly email?: string,
  ) {
    super(`Sign-in refused: ${code}`);
  }
}
