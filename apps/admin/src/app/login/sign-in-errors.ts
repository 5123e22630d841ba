import type { SignInError } from '@vip/shared-dto';
import { SIGN_IN_ERRORS } from '@vip/shared-dto';

const SENTENCES: Readonly<Record<SignInError, string>> = {
  invalid_state:
    'Your sign-in link expired or was already used. Please sign in again.',
  access_denied:
    'Sign-in was cancelled because access was not granted to VIP Coordinator.',
  email_unverified:
    "Your Google account's email address is not verified. Verify it with Google, then sign in again.",
  domain_not_allowed:
    "Your email address is not from a domain allowed to use VIP Coordinator. Sign in with your organisation's account.",
  provider_error:
    'Google could not complete the sign-in. Please try again in a moment.',
  email_conflict:
    'Another account already uses this email address. Ask an administrator to sort it out.',
  account_disabled:
    'Your account is disabled. Ask an administrator to enable it.',
  not_invited:
    'VIP Coordinator is by invitation only. Ask an administrator to invite you.',
};

/** The sentence for a `?error=` code, a generic one for unknown codes, nothing when absent. */
export function signInErrorMessage(
  code: string | null | undefined,
): string | null {
  if (!code) return null;
  return (SIGN_IN_ERRORS as readonly string[]).includes(code)
    ? SENTENCES[code as SignInError]
    : 'Sign-in did not complete. Please try again.';
}
