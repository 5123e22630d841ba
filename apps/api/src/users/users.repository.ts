import { Injectable } from '@nestjs/common';
import { Role, type UserSort } from '@vip/shared-dto';
import { Database, type Sql, type Transaction } from '../database/database';
import type { Identity } from './identity';
import { USER_COLUMNS, type UserRow } from './user.mapper';

/** One advisory lock serialises every change that could break an administrator rule. */
const ADMINISTRATORS_LOCK = 7_265_001;

const QUALIFIED_USER_COLUMNS = USER_COLUMNS.split(', ')
  .map((column) => `u.${column}`)
  .join(', ');

const SORT_COLUMNS: Record<string, string> = {
  email: 'email',
  name: 'name',
  role: 'role',
  createdAt: 'created_at',
  lastSignInAt: 'last_sign_in_at',
};

export interface UserListCriteria {
  page: number;
  pageSize: number;
  search?: string;
  role?: Role;
  sort?: UserSort;
}

/** All SQL about users. Rows come back as `UserRow`; the service maps them. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  // Named statements: these run on every authenticated request.
  async findById(id: string): Promise<UserRow | undefined> {
    const rows = await this.db.prepared<UserRow>('users_by_id', `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0];
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const rows = await this.db.prepared<UserRow>('users_by_email', `SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [
      email.toLowerCase(),
    ]);
    return rows[0];
  }

  async list(criteria: UserListCriteria): Promise<{ rows: UserRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (criteria.search) {
      params.push(`%${escapeLike(criteria.search)}%`);
      where.push(`(name ILIKE $${params.length} OR email ILIKE $${params.length})`);
    }
    if (criteria.role) {
      params.push(criteria.role);
      where.push(`role = $${params.length}`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sort = criteria.sort ?? 'email';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[descending ? sort.slice(1) : sort];
    const direction = descending ? 'DESC' : 'ASC';
    // Nulls (never signed in) last in both directions; `id` makes paging stable.
    const order = `${column} ${direction} NULLS LAST, id ${direction}`;

    const countParams = [...params];
    params.push(criteria.pageSize, (criteria.page - 1) * criteria.pageSize);
    const [rows, count] = await Promise.all([
      this.db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users ${filter} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users ${filter}`, countParams),
    ]);
    return { rows, total: count[0].total };
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
  async touchSignIn(tx: Sql, identity: Identity): Promise<(UserRow & { previous_email: string; previous_name: string }) | undefined> {
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
    return this.db.query<{ role: Role; count: number }>('SELECT role, count(*)::int AS count FROM users GROUP BY role');
  }

  /** Accounts created per week (Monday, UTC) since `since`. */
  async createdPerWeek(since: Date): Promise<{ week: string; count: number }[]> {
    return this.db.query<{ week: string; count: number }>(
      `SELECT to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::int AS count
         FROM users WHERE created_at >= $1 GROUP BY 1`,
      [since],
    );
  }

  /** Accounts whose last sign-in (or, never signed in, creation) is before `cutoff`: count and the oldest few. */
  async dormant(cutoff: Date, limit: number): Promise<{ count: number; rows: Pick<UserRow, 'email' | 'name' | 'last_sign_in_at'>[] }> {
    const where = 'WHERE last_sign_in_at < $1 OR (last_sign_in_at IS NULL AND created_at < $1)';
    const [count, rows] = await Promise.all([
      this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users ${where}`, [cutoff]),
      this.db.query<Pick<UserRow, 'email' | 'name' | 'last_sign_in_at'>>(
        `SELECT email, name, last_sign_in_at FROM users ${where}
          ORDER BY last_sign_in_at ASC NULLS FIRST, created_at ASC, email ASC LIMIT $2`,
        [cutoff, limit],
      ),
    ]);
    return { count: count[0].count, rows };
  }

  /**
   * Creates the account; the first one in an empty table becomes administrator.
   * Call only while holding the administrators lock, so two first sign-ins cannot both
   * see an empty table.
   */
  async insertSignedIn(tx: Transaction, identity: Identity): Promise<UserRow> {
    const rows = await tx.query<UserRow>(
      `INSERT INTO users (email, name, picture, provider, provider_subject, role, last_sign_in_at)
       VALUES ($1, $2, $3, $4, $5,
               CASE WHEN EXISTS (SELECT 1 FROM users) THEN '${Role.Coordinator}' ELSE '${Role.Administrator}' END,
               now())
       RETURNING ${USER_COLUMNS}`,
      [identity.email.toLowerCase(), identity.name, identity.picture, identity.provider, identity.subject],
    );
    return rows[0];
  }

  async lockByEmail(tx: Transaction, email: string): Promise<UserRow | undefined> {
    const rows = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1 FOR UPDATE`, [
      email.toLowerCase(),
    ]);
    return rows[0];
  }

  async roleOf(tx: Transaction, id: string): Promise<Role | undefined> {
    const rows = await tx.query<{ role: Role }>('SELECT role FROM users WHERE id = $1', [id]);
    return rows[0]?.role;
  }

  async countAdministrators(tx: Transaction): Promise<number> {
    const rows = await tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM users WHERE role = '${Role.Administrator}'`,
    );
    return rows[0].count;
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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
