import { Injectable } from '@nestjs/common';
import { Database, type Sql, type Transaction } from '../database/database';

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
      [session.userId, session.tokenHash, session.ttlDays, session.userAgent?.slice(0, 512) ?? null, session.ip?.slice(0, 64) ?? null],
    );
    return rows[0].id;
  }

  /** Swaps the secret of a live session; the old secret stops working at once. */
  async rotate(id: string, oldHash: string, newHash: string): Promise<{ userId: string; expiresAt: Date } | undefined> {
    const rows = await this.db.query<{ user_id: string; expires_at: Date }>(
      `UPDATE sessions SET token_hash = $3, last_used_at = now()
        WHERE id = $1 AND token_hash = $2 AND expires_at > now()
        RETURNING user_id, expires_at`,
      [id, oldHash, newHash],
    );
    return rows[0] && { userId: rows[0].user_id, expiresAt: rows[0].expires_at };
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

  async saveOAuthState(stateHash: string, codeVerifier: string, ttlSeconds: number): Promise<void> {
    await this.db.query('DELETE FROM oauth_states WHERE expires_at < now()');
    await this.db.query(
      `INSERT INTO oauth_states (state_hash, code_verifier, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [stateHash, codeVerifier, ttlSeconds],
    );
  }

  /** Takes a pending state (once): a second use of the same `state` finds nothing. */
  async takeOAuthState(stateHash: string): Promise<string | undefined> {
    const rows = await this.db.query<{ code_verifier: string }>(
      'DELETE FROM oauth_states WHERE state_hash = $1 AND expires_at > now() RETURNING code_verifier',
      [stateHash],
    );
    return rows[0]?.code_verifier;
  }
}
