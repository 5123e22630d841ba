import type { User } from './user';

/** Answer of `POST /api/auth/refresh` and `POST /api/auth/dev-login`. */
export interface AccessTokenResponse {
  accessToken: string;
  /** Lifetime of `accessToken` in seconds. */
  expiresIn: number;
  user: User;
}

/** Answer of `GET /api/auth/config`: what the sign-in page may offer. */
export interface AuthConfigResponse {
  google: boolean;
  devLogin: boolean;
}

export interface DevLoginRequest {
  email: string;
  name: string;
}

/** Codes the OAuth callback appends as `login?error=<code>`. */
export const SIGN_IN_ERRORS = [
  'invalid_state',
  'access_denied',
  'email_unverified',
  'domain_not_allowed',
  'provider_error',
  'email_conflict',
  'account_disabled',
  'not_invited',
] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];
