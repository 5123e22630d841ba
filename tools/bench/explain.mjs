// EXPLAIN (ANALYZE, BUFFERS) of the users list queries the issue names, with the SQL
// the API runs.

const USER_COLUMNS = 'id, email, name, picture, role, provider, created_at, updated_at, last_sign_in_at';
const SORT_COLUMNS = {
  email: 'email',
  name: 'name',
  role: 'role',
  createdAt: 'created_at',
  lastSignInAt: 'last_sign_in_at',
};

/**
 * A copy of UsersRepository.list in apps/api/src/users/users.repository.ts: the page
 * query and the count query for one request. Update it when that method changes.
 */
export function usersListSql({ page = 1, pageSize = 25, search, role, sort = 'email' }) {
  const where = [];
  const params = [];
  if (search) {
    params.push(`%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
    where.push(`(name ILIKE $${params.length} OR email ILIKE $${params.length})`);
  }
  if (role) {
    params.push(role);
    where.push(`role = $${params.length}`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[descending ? sort.slice(1) : sort];
  const direction = descending ? 'DESC' : 'ASC';
  const order = `${column} ${direction} NULLS LAST, id ${direction}`;
  const countParams = [...params];
  params.push(pageSize, (page - 1) * pageSize);
  return {
    page: {
      text: `SELECT ${USER_COLUMNS} FROM users ${filter} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      values: params,
    },
    count: { text: `SELECT count(*)::int AS total FROM users ${filter}`, values: countParams },
  };
}

/** The plans, as text, of the three queries the issue asks to see. */
export async function explainUsersList(db, commonFragment) {
  const page200 = usersListSql({ page: 200, sort: '-lastSignInAt' });
  const search = usersListSql({ search: commonFragment });
  const queries = [
    ['page 200 sorted by -lastSignInAt', page200.page],
    [`search "${commonFragment}" (common fragment), first page`, search.page],
    [`search "${commonFragment}" (common fragment), count`, search.count],
  ];
  const plans = [];
  for (const [label, { text, values }] of queries) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    plans.push({ label, sql: text, values, plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
  }
  return plans;
}
