import type { SignInError } from '@vip/shared-dto';

/** A Google sign-in that must not proceed; `code` ends up in `login?error=<code>`. */
export class SignInRefusedError extends Error {
  override readonly name = 'SignInRefusedError';
  constructor(readonly code: SignInError) {
    super(`Sign-in refused: ${code}`);
  }
}
