import { COUNT_LIMIT, type Role, type UserSort, type UserSortField, type UserStatus } from '@vip/shared-dto';
import { USER_COLUMNS, type UserRow } from './user.mapper';

/**
 * The SQL of the users list, as plain functions of the criteria: the repository runs it,
 * the e2e plan checks EXPLAIN it, and `npm run bench` EXPLAINs it on a million people.
 * Nothing here touches a database.
 */
export const QUALIFIED_USER_COLUMNS = USER_COLUMNS.split(', ')
  .map((column) => `u.${column}`)
  .join(', ');

/**
 * Each sort's ORDER BY, ascending; every one has a B-tree read forward for ascending and
 * backward for descending (also after `role = $1`). Ties break on a unique column so
 * pages never overlap. "Never signed in" sorts as the earliest time.
 */
const SORT_KEYS: Record<UserSortField, readonly string[]> = {
  email: ['email'],
  name: ['name', 'id'],
  role: ['role', 'email'],
  createdAt: ['created_at', 'id'],
  lastSignInAt: ['last_sign_in_at NULLS FIRST', 'id'],
  status: ['status', 'email'],
};

/** Fragments shorter than this match word starts; trigram indexes need three characters. */
const TRIGRAM_LENGTH = 3;

export interface UserListCriteria {
  page: number;
  pageSize: number;
  search?: string;
  role?: Role;
  status?: UserStatus;
  sort?: UserSort;
}

export interface UserList {
  rows: UserRow[];
  total: number;
  /** False when more than `COUNT_LIMIT` people match a search: `total` is then `COUNT_LIMIT`. */
  totalExact: boolean;
}

/** A statement and its parameters. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The SELECT of one page of the users list, as `list` runs it (also used by the plan
 * checks of the e2e suite). `offset` defaults to the criteria's page.
 */
export function userPageSql(criteria: UserListCriteria, offset = (criteria.page - 1) * criteria.pageSize): Statement {
  const page = pageOf(criteria, offset);
  return { text: `${page.select()} ORDER BY ${page.order('u')}`, values: page.values };
}

/**
 * For a list without a search, in one round trip: the exact total (from `user_counts`)
 * and the page, unless the page lies past the middle. Every row carries `total`. A page
 * past the middle (read from the other end, see `UsersRepository.list`) or past the end
 * answers one row with `total` and every other column null; its rows are not read.
 */
export function userPageWithTotalSql(criteria: UserListCriteria): Statement {
  const offset = (criteria.page - 1) * criteria.pageSize;
  const page = pageOf(criteria, offset);
  // The same criteria give the same filter parameters, numbered alike.
  const count = userCountSql(criteria);
  const beforeMiddle = `$${page.values.length}::int * 2 <= (SELECT total FROM total)`;
  return {
    text:
      `WITH total AS MATERIALIZED (${count.text}) ` +
      `SELECT (SELECT total FROM total) AS total, page.* FROM (VALUES (1)) AS one (x) ` +
      `LEFT JOIN (${page.select(beforeMiddle)}) page ON true ORDER BY ${page.order('page')}`,
    values: page.values,
  };
}

/** The parts of a page's statement: its parameters, its ORDER BY, and its SELECT. */
function pageOf(criteria: UserListCriteria, offset: number) {
  const values: unknown[] = [];
  const conditions = userConditions(criteria, values);
  const sort = criteria.sort ?? 'email';
  const descending = sort.startsWith('-');
  const keys = SORT_KEYS[(descending ? sort.slice(1) : sort) as UserSortField];
  const order = (table: string) => keys.map((key) => `${table}.${descending ? descendingKey(key) : key}`).join(', ');
  // The last key is unique: the page's rows are found by it, after the offset is walked
  // in the index alone (an index-only scan), so only the page itself reads the table.
  const unique = keys[keys.length - 1];
  values.push(criteria.pageSize, offset);
  // A condition on parameters alone is tested once, before the index is walked at all.
  const select = (...extra: string[]) =>
    `SELECT ${QUALIFIED_USER_COLUMNS} FROM users u JOIN (` +
    `SELECT ${unique} FROM users ${whereOf([...conditions, ...extra])} ` +
    `ORDER BY ${order('users')} LIMIT $${values.length - 1} OFFSET $${values.length}` +
    `) page USING (${unique})`;
  return { values, order, select };
}

/**
 * Run in the transaction of a search's page known to match many people (more than
 * `COUNT_LIMIT`): no whole-table read, no search index, so PostgreSQL walks the sort
 * order's B-tree, keeping matching rows until the page is full. With one person in ten
 * matching, a first page reads about 250 rows; through the search index it would read
 * and sort every match (100,000 of a million). The planner cannot know how dense the
 * matches are, so it is told.
 */
export const WALK_SORT_ORDER = `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`;

/**
 * How many people the criteria match: without a search, exact from `user_counts` (kept
 * per role and status, so the same role and status conditions apply); with one, counted
 * up to `COUNT_LIMIT + 1` (never the whole table).
 */
export function userCountSql(criteria: Pick<UserListCriteria, 'search' | 'role' | 'status'>): Statement {
  const values: unknown[] = [];
  const where = whereOf(userConditions(criteria, values));
  if (!isCounted(criteria))
    return { text: `SELECT coalesce(sum(count), 0)::int AS total FROM user_counts ${where}`, values };
  values.push(COUNT_LIMIT + 1);
  return {
    text: `SELECT count(*)::int AS total FROM (SELECT FROM users ${where} LIMIT $${values.length}) AS matches`,
    values,
  };
}

/**
 * The conditions of a list (joined by AND), their parameters appended to `values`. A search of three
 * characters or more matches anywhere in the name or email (trigram indexes); a shorter
 * one matches the start of a word of either: `search_prefixes` holds every word's first
 * one and two characters (see the migration `ListsAtScale`), the fragment is one lexeme.
 */
function userConditions(criteria: Pick<UserListCriteria, 'search' | 'role' | 'status'>, values: unknown[]): string[] {
  const where: string[] = [];
  if (criteria.search) {
    const fragment = criteria.search.toLowerCase();
    if ([...fragment].length < TRIGRAM_LENGTH) {
      values.push(`'${fragment.replace(/[\\']/g, (character) => `\\${character}`)}'`);
      where.push(`search_prefixes @@ $${values.length}::tsquery`);
    } else {
      values.push(`%${escapeLike(fragment)}%`);
      where.push(`(name ILIKE $${values.length} OR email LIKE $${values.length})`);
    }
  }
  if (criteria.role) {
    values.push(criteria.role);
    where.push(`role = $${values.length}`);
  }
  if (criteria.status) {
    values.push(criteria.status);
    where.push(`status = $${values.length}`);
  }
  return where;
}

function whereOf(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Whether the total must be counted in `users` (at most `COUNT_LIMIT + 1` rows): for a search. */
export function isCounted(criteria: Pick<UserListCriteria, 'search'>): boolean {
  return Boolean(criteria.search);
}

/** `key` in the opposite direction; nulls, the earliest, go last. */
function descendingKey(key: string): string {
  return key.endsWith(' NULLS FIRST') ? `${key.slice(0, -' NULLS FIRST'.length)} DESC NULLS LAST` : `${key} DESC`;
}

export function reversed(sort: UserSort = 'email'): UserSort {
  return (sort.startsWith('-') ? sort.slice(1) : `-${sort}`) as UserSort;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
