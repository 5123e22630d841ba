import type { ApiToken, ApiTokenScope } from '@vip/shared-dto';

/** An `api_tokens` row with its creator, as the repository's SQL returns it. Never the hash. */
export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiTokenScope[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_by_email: string | null;
  created_by_name: string | null;
}

export const API_TOKEN_COLUMNS = `t.id, t.name, t.prefix, t.scopes, t.created_at, t.last_used_at, t.expires_at, t.revoked_at,
  u.email AS created_by_email, u.name AS created_by_name`;

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdBy: row.created_by_email ? { email: row.created_by_email, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at ? row.last_used_at.toISOString() : null,
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
