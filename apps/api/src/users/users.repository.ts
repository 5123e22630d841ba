import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { COUNT_LIMIT, Role, UserStatus } from '@vip/shared-dto';
import { Database, type Sql, type Transaction } from '../database/database';
import type { Identity } from './identity';
import { BroadSearches } from './broad-searches';
import { USER_COLUMNS, type UserRow } from './user.mapper';
import {
  isCounted,
  QUALIFIED_USER_COLUMNS,
  reversed,
  userCountSql,
  userPageSql,
  userPageWithTotalSql,
  WALK_SORT_ORDER,
  type Statement,
  type UserList,
  type UserListCriteria,
} from './user-list.sql';

export type { UserListCriteria } from './user-list.sql';

/** One advisory lock serialises every change that could break an administrator rule. */
export const ADMINISTRATORS_LOCK = 7_265_001;

/** What a new account starts as; decided by the sign-in rules. */
export interface NewAccount {
  role: Role;
  status: UserStatus;
}

/** All SQL about users. Rows come back as `UserRow`; the service maps them. */
@Injectable()
export class UsersRepository {
  private readonly broadSearches = new BroadSearches();

  constructor(private readonly db: Database) {}

  // Named statements: these run on every authenticated request.
  async findById(id: string): Promise<UserRow | undefined> {
    const rows = await this.db.prepared<UserRow>('users_by_id', `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
      id,
    ]);
    return rows[0];
  }

  /**
   * The per-request caller lookup, one round trip: the token's user joined to the token's
   * session, so a revoked session or a disabled account answers nothing.
   */
  async findCaller(userId: string, sessionId: string): Promise<UserRow | undefined> {
    const rows = await this.db.prepared<UserRow>(
      'users_caller',
      `SELECT ${QUALIFIED_USER_COLUMNS} FROM users u JOIN sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND s.expires_at > now() AND u.status <> '${UserStatus.Disabled}'`,
      [userId, sessionId],
    );
    return rows[0];
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const rows = await this.db.prepared<UserRow>(
      'users_by_email',
      `SELECT ${USER_COLUMNS} FROM users WHERE email = $1`,
      [email.toLowerCase()],
    );
    return rows[0];
  }

  /**
   * One page and its total. Without a search the total is exact and read from
   * `user_counts`; otherwise at most `COUNT_LIMIT + 1` matches are counted, unless the
   * search is known to match more (`BroadSearches`).
   */
  async list(criteria: UserListCriteria): Promise<UserList> {
    const offset = (criteria.page - 1) * criteria.pageSize;
    if (isCounted(criteria)) {
      if (this.broadSearches.has(criteria)) {
        const page = userPageSql(criteria, offset);
        const rows = await this.db.transaction(async (tx) => {
          await tx.query(WALK_SORT_ORDER);
          return tx.query<UserRow>(page.text, page.values);
        });
        return { rows, total: COUNT_LIMIT, totalExact: false };
      }
      const [rows, count] = await Promise.all([
        this.run<UserRow>(userPageSql(criteria)),
        this.run<{ total: number }>(userCountSql(criteria)),
      ]);
      const matches = count[0].total;
      if (matches > COUNT_LIMIT) this.broadSearches.remember(criteria);
      return { rows, total: Math.min(matches, COUNT_LIMIT), totalExact: matches <= COUNT_LIMIT };
    }
    // One round trip: the total and, unless it lies past the middle, the page.
    const rows = await this.run<UserRow & { total: number }>(userPageWithTotalSql(criteria));
    const total = rows[0].total;
    if (rows[0].id !== null) return { rows, total, totalExact: true };
    if (offset >= total) return { rows: [], total, totalExact: true };
    // Past the middle, read from the other end: OFFSET then walks the shorter way.
    const pageSize = Math.min(criteria.pageSize, total - offset);
    const fromEnd = { ...criteria, pageSize, sort: reversed(criteria.sort) };
    const fromEndRows = await this.run<UserRow>(userPageSql(fromEnd, total - offset - pageSize));
    return { rows: fromEndRows.reverse(), total, totalExact: true };
  }

  private run<T extends QueryResultRow>(statement: Statement): Promise<T[]> {
    return this.db.query<T>(statement.text, statement.values);
  }

  /** Runs `work` in one transaction holding the administrators lock. */
  withAdministratorsLock<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMINISTRATORS_LOCK]);
      return work(tx);
    });
  }

  /** Takes the administrators lock inside a transaction begun elsewhere (sign-in). */
  async lockAdministrators(tx: Transaction): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMINISTRATORS_LOCK]);
  }

  /**
   * Refreshes profile and sign-in time of the account with this provider subject, and
   * says what email and name it had before (for the audit trail).
   */
  async touchSignIn(
    tx: Sql,
    identity: Identity,
  ): Promise<(UserRow & { previous_email: string; previous_name: string }) | undefined> {
    const rows = await tx.query<UserRow & { previous_email: string; previous_name: string }>(
      `WITH previous AS (
         SELECT id, email, name FROM users WHERE provider = $1 AND provider_subject = $2 FOR UPDATE
       )
       UPDATE users u
          SET email = $3, name = $4, picture = $5, last_sign_in_at = now(), updated_at = now()
         FROM previous
        WHERE u.id = previous.id
        RETURNING ${QUALIFIED_USER_COLUMNS}, previous.email AS previous_email, previous.name AS previous_name`,
      [identity.provider, identity.subject, identity.email.toLowerCase(), identity.name, identity.picture],
    );
    return rows[0];
  }

  async countByRole(): Promise<{ role: Role; count: number }[]> {
    // From the counts the triggers keep, not a scan of every person.
    return this.db.query<{ role: Role; count: number }>(
      'SELECT role, sum(count)::int AS count FROM user_counts GROUP BY role',
    );
  }

  /** Accounts created per week (Monday, UTC) since `since`. */
  async createdPerWeek(since: Date): Promise<{ week: string; count: number }[]> {
    return this.db.query<{ week: string; count: number }>(
      `SELECT to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::int AS count
         FROM users WHERE created_at >= $1 GROUP BY 1`,
      [since],
    );
  }

  /**
   * Accounts whose last sign-in (or, never signed in, creation) is before `cutoff`: count
   * and the oldest few, never-signed-in first. Each half has an index of its own
   * (`users_last_sign_in_at_idx`, `users_never_signed_in_idx`), so both the count and the
   * list read indexes only, not the table.
   */
  async dormant(
    cutoff: Date,
    limit: number,
  ): Promise<{ count: number; rows: Pick<UserRow, 'email' | 'name' | 'last_sign_in_at'>[] }> {
    const order = 'last_sign_in_at ASC NULLS FIRST, created_at ASC, email ASC';
    const [count, rows] = await Promise.all([
      this.db.query<{ count: number }>(
        `SELECT ((SELECT count(*) FROM users WHERE last_sign_in_at < $1)
               + (SELECT count(*) FROM users WHERE last_sign_in_at IS NULL AND created_at < $1))::int AS count`,
        [cutoff],
      ),
      this.db.query<Pick<UserRow, 'email' | 'name' | 'last_sign_in_at'>>(
        `SELECT email, name, last_sign_in_at FROM (
           (SELECT email, name, last_sign_in_at, created_at FROM users
             WHERE last_sign_in_at IS NULL AND created_at < $1 ORDER BY created_at, email LIMIT $2)
           UNION ALL
           (SELECT email, name, last_sign_in_at, created_at FROM users
             WHERE last_sign_in_at < $1 ORDER BY ${order} LIMIT $2)
         ) AS dormant ORDER BY ${order} LIMIT $2`,
        [cutoff, limit],
      ),
    ]);
    return { count: count[0].count, rows };
  }

  /**
   * Creates the account with the role and status the sign-in rules decided. Call only
   * while holding the administrators lock, so two first sign-ins cannot both see an
   * empty table.
   */
  async insertSignedIn(tx: Transaction, identity: Identity, account: NewAccount): Promise<UserRow> {
    const rows = await tx.query<UserRow>(
      `INSERT INTO users (email, name, picture, provider, provider_subject, role, status, last_sign_in_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       RETURNING ${USER_COLUMNS}`,
      [
        identity.email.toLowerCase(),
        identity.name,
        identity.picture,
        identity.provider,
        identity.subject,
        account.role,
        account.status,
      ],
    );
    return rows[0];
  }

  async isEmpty(tx: Transaction): Promise<boolean> {
    const rows = await tx.query('SELECT 1 FROM users LIMIT 1');
    return rows.length === 0;
  }

  async existsByEmail(tx: Sql, email: string): Promise<boolean> {
    const rows = await tx.query('SELECT 1 FROM users WHERE email = $1', [email.toLowerCase()]);
    return rows.length > 0;
  }

  /** Which of these (lower-cased) emails have an account. */
  async existingEmails(tx: Sql, emails: readonly string[]): Promise<Set<string>> {
    const rows = await tx.query<{ email: string }>('SELECT email FROM users WHERE email = ANY($1::varchar[])', [
      emails,
    ]);
    return new Set(rows.map((row) => row.email));
  }

  async lockByEmail(tx: Transaction, email: string): Promise<UserRow | undefined> {
    const rows = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1 FOR UPDATE`, [
      email.toLowerCase(),
    ]);
    return rows[0];
  }

  /** Whether this account is, right now, an active administrator. */
  async isActiveAdministrator(tx: Transaction, id: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM users WHERE id = $1 AND role = '${Role.Administrator}' AND status = '${UserStatus.Active}'`,
      [id],
    );
    return rows.length > 0;
  }

  /** Administrators who can act: a pending or disabled one does not count. */
  async countActiveAdministrators(tx: Transaction): Promise<number> {
    const rows = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM users WHERE role = '${Role.Administrator}' AND status = '${UserStatus.Active}'`,
    );
    return rows[0].count;
  }

  async setStatus(tx: Transaction, id: string, status: UserStatus, role?: Role): Promise<UserRow> {
    const rows = await tx.query<UserRow>(
      `UPDATE users SET status = $2, role = coalesce($3, role), updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, status, role ?? null],
    );
    return rows[0];
  }

  async updateRole(tx: Transaction, id: string, role: Role): Promise<UserRow> {
    const rows = await tx.query<UserRow>(
      `UPDATE users SET role = $2, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, role],
    );
    return rows[0];
  }

  /** Deletes the user; their sessions go with them (`ON DELETE CASCADE`). */
  async delete(tx: Transaction, id: string): Promise<void> {
    await tx.query('DELETE FROM users WHERE id = $1', [id]);
  }
}
