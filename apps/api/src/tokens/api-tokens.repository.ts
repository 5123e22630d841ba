import { Injectable } from '@nestjs/common';
import { Role, UserStatus, type ApiTokenScope } from '@vip/shared-dto';
import { Database, type Sql, type Transaction } from '../database/database';
import { USER_COLUMNS, type UserRow } from '../users/user.mapper';
import { API_TOKEN_COLUMNS, type ApiTokenRow } from './api-token.mapper';

export interface NewApiToken {
  name: string;
  prefix: string;
  hash: string;
  scopes: ApiTokenScope[];
  createdBy: string;
  /** `null`: never expires. */
  expiresInDays: number | null;
}

/** A live token and the administrator it acts for, found by the hash of its secret. */
export interface ApiTokenCallerRow extends UserRow {
  token_id: string;
  token_name: string;
  token_prefix: string;
  token_scopes: ApiTokenScope[];
  token_hash: string;
  /** Last used over a minute ago (or never): time to write `last_used_at` again. */
  token_use_stale: boolean;
}

const CREATOR_COLUMNS = USER_COLUMNS.split(', ')
  .map((column) => `u.${column}`)
  .join(', ');

/** All SQL about API tokens. The hash never leaves this class except to be compared. */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Transaction, token: NewApiToken): Promise<ApiTokenRow> {
    const rows = await tx.query<ApiTokenRow>(
      `WITH t AS (
         INSERT INTO api_tokens (name, prefix, token_hash, scopes, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int))
         RETURNING *
       )
       SELECT ${API_TOKEN_COLUMNS} FROM t LEFT JOIN users u ON u.id = t.created_by`,
      [token.name, token.prefix, token.hash, token.scopes, token.createdBy, token.expiresInDays],
    );
    return rows[0];
  }

  /** Every token, newest first: an administrator's list is short (no paging needed). */
  list(): Promise<ApiTokenRow[]> {
    return this.db.query<ApiTokenRow>(
      `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
        ORDER BY t.created_at DESC, t.id DESC`,
    );
  }

  async lock(tx: Transaction, id: string): Promise<ApiTokenRow | undefined> {
    const rows = await tx.query<ApiTokenRow>(
      `SELECT ${API_TOKEN_COLUMNS} FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
        WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    );
    return rows[0];
  }

  async revoke(tx: Sql, id: string): Promise<void> {
    await tx.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }

  /**
   * The token with this hash if it is live (not revoked, not expired) and its creator is
   * still an active administrator, with that creator: one indexed read per request, which
   * also says whether `last_used_at` is due to be written again (`markUsed`).
   */
  async findCaller(hash: string): Promise<ApiTokenCallerRow | undefined> {
    // A read only: the write of `last_used_at`, once a minute, is `markUsed`'s.
    const rows = await this.db.prepared<ApiTokenCallerRow>(
      'api_tokens_caller',
      `SELECT t.id AS token_id, t.name AS token_name, t.prefix AS token_prefix, t.scopes AS token_scopes,
              t.token_hash, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '60 seconds') AS token_use_stale,
              ${CREATOR_COLUMNS}
         FROM api_tokens t JOIN users u ON u.id = t.created_by
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
          AND u.role = '${Role.Administrator}' AND u.status = '${UserStatus.Active}'`,
      [hash],
    );
    return rows[0];
  }

  /** Marks the token used now, unless another request did within the minute. */
  async markUsed(id: string): Promise<void> {
    await this.db.prepared(
      'api_tokens_mark_used',
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '60 seconds')`,
      [id],
    );
  }
}
