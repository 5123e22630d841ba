import { Injectable } from '@nestjs/common';
import { Database, type Sql, type Transaction } from '../database/database';

/** A `sessions` row as listed to its owner (never the hash). */
export interface SessionRow {
  id: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

/** SQL for sign-in sessions and pending OAuth states. Only hashes of secrets are stored. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async create(
    tx: Transaction,
    session: { userId: string; tokenHash: string; ttlDays: number; userAgent?: string; ip?: string },
  ): Promise<string> {
    // Expired sessions of this user go when a new one is made: the table stays small.
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [session.userId]);
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO sessions (user_id, token_hash, expires_at, user_agent, ip)
       VALUES ($1, $2, now() + make_interval(days => $3), $4, $5)
       RETURNING id`,
      [
        session.userId,
        session.tokenHash,
        session.ttlDays,
        session.userAgent?.slice(0, 512) ?? null,
        session.ip?.slice(0, 64) ?? null,
      ],
    );
    return rows[0].id;
  }

  /**
   * The live session `id`, locked until `tx` ends, with which of its secrets `hash` is
   * (`current`, `previous`, or neither) and whether the rotation that retired the
   * previous one is younger than `graceSeconds`.
   */
  async lockForRefresh(
    tx: Transaction,
    id: string,
    hash: string,
    graceSeconds: number,
  ): Promise<
    | { userId: string; email: string; expiresAt: Date; secret: 'current' | 'previous' | 'unknown'; inGrace: boolean }
    | undefined
  > {
    const rows = await tx.query<{
      user_id: string;
      email: string;
      expires_at: Date;
      secret: 'current' | 'previous' | 'unknown';
      in_grace: boolean;
    }>(
      `SELECT s.user_id, u.email, s.expires_at,
              CASE WHEN s.token_hash = $2 THEN 'current' WHEN s.previous_token_hash = $2 THEN 'previous' ELSE 'unknown' END AS secret,
              coalesce(s.rotated_at > now() - make_interval(secs => $3), false) AS in_grace
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now()
          FOR UPDATE OF s`,
      [id, hash, graceSeconds],
    );
    const row = rows[0];
    return (
      row && {
        userId: row.user_id,
        email: row.email,
        expiresAt: row.expires_at,
        secret: row.secret,
        inGrace: row.in_grace,
      }
    );
  }

  /** Swaps the secret of a session; the old one is kept as `previous` for the grace window. */
  async rotate(tx: Transaction, id: string, newHash: string): Promise<void> {
    await tx.query(
      `UPDATE sessions SET previous_token_hash = token_hash, token_hash = $2, rotated_at = now(), last_used_at = now()
        WHERE id = $1`,
      [id, newHash],
    );
  }

  async touch(tx: Transaction, id: string): Promise<void> {
    await tx.query('UPDATE sessions SET last_used_at = now() WHERE id = $1', [id]);
  }

  /** Ends a session whatever its secret (reuse detected). */
  async revokeById(tx: Transaction, id: string): Promise<void> {
    await tx.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  /** Ends the session; answers whose it was (id and current email), or nothing when none matched. */
  async revoke(tx: Sql, id: string, hash: string): Promise<{ userId: string; email: string } | undefined> {
    const rows = await tx.query<{ user_id: string; email: string }>(
      `DELETE FROM sessions s USING users u
        WHERE s.id = $1 AND s.token_hash = $2 AND u.id = s.user_id
        RETURNING s.user_id, u.email`,
      [id, hash],
    );
    return rows[0] && { userId: rows[0].user_id, email: rows[0].email };
  }

  /** A person's live sessions, most recently used first. */
  async listForUser(userId: string): Promise<SessionRow[]> {
    return this.db.query<SessionRow>(
      `SELECT id, created_at, last_used_at, expires_at, user_agent, ip FROM sessions
        WHERE user_id = $1 AND expires_at > now()
        ORDER BY last_used_at DESC, id`,
      [userId],
    );
  }

  /** Ends one session of this person; answers whether there was one to end. */
  async revokeOne(tx: Sql, userId: string, id: string): Promise<boolean> {
    const rows = await tx.query(
      'DELETE FROM sessions WHERE id = $1 AND user_id = $2 AND expires_at > now() RETURNING id',
      [id, userId],
    );
    return rows.length > 0;
  }

  /** Ends every live session of this person (but `keep`); answers how many ended. */
  async revokeAll(tx: Sql, userId: string, keep?: string): Promise<number> {
    const rows = await tx.query(
      'DELETE FROM sessions WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2) RETURNING expires_at > now() AS live',
      [userId, keep ?? null],
    );
    return rows.filter((row) => row['live']).length;
  }

  /**
   * One INSERT: stores the state unless `cap` states are already pending (counting stops
   * at the cap, so the check costs at most `cap` index entries). Answers whether it was stored.
   */
  async saveOAuthState(stateHash: string, codeVerifier: string, ttlSeconds: number, cap: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO oauth_states (state_hash, code_verifier, expires_at)
       SELECT $1, $2, now() + make_interval(secs => $3)
        WHERE (SELECT count(*) FROM (SELECT 1 FROM oauth_states LIMIT $4) AS pending) < $4
       RETURNING 1`,
      [stateHash, codeVerifier, ttlSeconds, cap],
    );
    return rows.length > 0;
  }

  /** Takes a pending state (once): a second use of the same `state` finds nothing. */
  async takeOAuthState(stateHash: string): Promise<string | undefined> {
    const rows = await this.db.query<{ code_verifier: string }>(
      'DELETE FROM oauth_states WHERE state_hash = $1 AND expires_at > now() RETURNING code_verifier',
      [stateHash],
    );
    return rows[0]?.code_verifier;
  }

  /** Removes up to `limit` expired states (by the `expires_at` index); answers how many. */
  async pruneOAuthStates(limit: number): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM oauth_states WHERE state_hash IN (
         SELECT state_hash FROM oauth_states WHERE expires_at < now() ORDER BY expires_at LIMIT $1
       ) RETURNING 1`,
      [limit],
    );
    return rows.length;
  }
}
