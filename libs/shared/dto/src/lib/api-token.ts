/** What an API token may reach (README, "API tokens"). */
export const API_TOKEN_SCOPES = ['users:read', 'users:write', 'audit:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Lifetimes an administrator may choose; no value means the token does not expire. */
export const API_TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;
export type ApiTokenExpiryDays = (typeof API_TOKEN_EXPIRY_DAYS)[number];

/** Every secret starts with this, so secret scanners recognise a leaked one. */
export const API_TOKEN_SECRET_PREFIX = 'vipc_';
/** Characters of the secret shown again after creation (`vipc_` and 7 more). */
export const API_TOKEN_PREFIX_LENGTH = 12;
export const MAX_API_TOKEN_NAME_LENGTH = 100;

/** A service credential as administrators see it; the secret itself is never shown again. Timestamps ISO-8601 UTC. */
export interface ApiToken {
  id: string;
  name: string;
  /** The first 12 characters of the secret, to recognise it. */
  prefix: string;
  scopes: ApiTokenScope[];
  /** Who created it; `null` once that account is deleted. */
  createdBy: { email: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/tokens`. */
export interface CreateApiTokenRequest {
  name: string;
  scopes: ApiTokenScope[];
  /** 30, 90 or 365; absent or `null`: never expires. */
  expiresInDays?: ApiTokenExpiryDays | null;
}

/** `POST /api/tokens` answers the secret this once. */
export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}
