import { COUNT_LIMIT, Role, USER_SORT_FIELDS, UserStatus, type Page, type User, type UserSort } from '@vip/shared-dto';
import {
  userCountSql,
  userPageSql,
  userPageWithTotalSql,
  WALK_SORT_ORDER,
  type Statement,
  type UserListCriteria,
} from '../src/users/user-list.sql';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

const PEOPLE = 20_000;
// Seeding indexes this many rows takes a while on a busy machine.
const SEED_TIMEOUT_MS = 300_000;
const SORTS: UserSort[] = USER_SORT_FIELDS.flatMap((field) => [field, `-${field}`] as UserSort[]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Filter?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * Lists at scale (README, "Lists at scale"): with enough people for plans to matter, every
 * list statement the repository runs reads indexes, never the whole table, and totals
 * are exact without counting the table, or bounded for searches.
 */
describe('users lists at scale', () => {
  let app: TestApp;
  let admin: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' }));
    // Set-based, like a real organisation: 1 % administrators, 20 % drivers, one in seven
    // never signed in, forty first names and forty last names.
    await app.db.query(
      `INSERT INTO users (email, name, role, provider, provider_subject, created_at, last_sign_in_at)
       SELECT lower(first || '.' || last || i) || '@' || (ARRAY['example.com', 'fleet.example.org', 'mail.example.net'])[1 + i % 3],
              first || ' ' || last,
              CASE WHEN i % 100 = 0 THEN 'administrator' WHEN i % 5 = 0 THEN 'driver' ELSE 'coordinator' END,
              'google', 'bulk-' || i, now() - make_interval(mins => i),
              CASE WHEN i % 7 <> 0 THEN now() - make_interval(secs => (i * 7919) % 31536000) END
         FROM generate_series(1, $1::int) AS i,
              LATERAL (SELECT (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Margaret','Ken','Dennis','Frances',
                                     'John','Mary','Linus','Guido','Anita','Radia','Tim','Vint','Hedy','Katherine',
                                     'Dorothy','Claude','Niklaus','Leslie','Shafi','Sophie','Yukihiro','Bjarne','James','Lynn',
                                     'Jean','Karen','Fran','Adele','Ida','Carol','Ivan','Peter','Paul','Zoe'])[1 + i % 40] AS first,
                              (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Hamilton','Thompson','Ritchie','Allen',
                                     'Backus','Jackson','Torvalds','Rossum','Borg','Perlman','Lee','Cerf','Lamarr','Johnson',
                                     'Vaughan','Shannon','Wirth','Lamport','Goldwasser','Wilson','Matsumoto','Stroustrup','Gosling','Conway',
                                     'Sammet','Jones','Bilas','Goldberg','Rhodes','Shaw','Sutherland','Naur','Kay','Zuse'])[1 + (i / 40) % 40] AS last) AS names`,
      [PEOPLE],
    );
    // One in four disabled: enough that the planner walks a sort index for a status filter.
    await app.db.query(
      `UPDATE users SET status = 'disabled' WHERE provider_subject LIKE 'bulk-%' AND substr(provider_subject, 6)::int % 4 = 0`,
    );
    await app.db.query('VACUUM ANALYZE users');
  }, SEED_TIMEOUT_MS);
  afterAll(() => app.close());

  const users = (query: string) => http.get<Page<User>>(`${app.url}/api/auth/users${query}`, admin.auth);

  /** The plan's nodes; with `analyze`, run, so each node says how often it ran. */
  async function plan(statement: Statement, { analyze = false } = {}): Promise<PlanNode[]> {
    const { rows } = await app.db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${statement.text}`,
      statement.values,
    );
    return nodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  /** The plan of a broad search's page, as `UsersRepository.list` runs it. */
  async function planWalkingSortOrder(statement: Statement): Promise<PlanNode[]> {
    const client = await app.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(WALK_SORT_ORDER);
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${statement.text}`,
        statement.values,
      );
      return nodes(rows[0]['QUERY PLAN'][0].Plan);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  /** No sequential scan of `users`, and no sort of more than a page's worth of rows. */
  async function expectIndexed(statement: Statement): Promise<PlanNode[]> {
    const all = await plan(statement);
    const described = all.map(
      (node) => `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''} (${node['Plan Rows']})`,
    );
    expect(described.filter((line) => line.startsWith('Seq Scan users'))).toEqual([]);
    expect(
      all.filter((node) => node['Node Type'] === 'Sort' && node['Plan Rows'] > 1_000).map((node) => node['Plan Rows']),
    ).toEqual([]);
    return all;
  }

  const list = (criteria: Partial<UserListCriteria>): UserListCriteria => ({ page: 1, pageSize: 25, ...criteria });

  describe('plans', () => {
    it.each(SORTS.flatMap((sort) => [1, 200].map((page) => [sort, page] as const)))(
      'sort=%s, page %d: an index in order, no sort of the table',
      async (sort, page) => {
        await expectIndexed(userPageWithTotalSql(list({ sort, page })));
      },
    );

    it('reads no row of users for a page past the middle in the one-statement form (it is read from the other end)', async () => {
      const all = await plan(userPageWithTotalSql(list({ sort: '-lastSignInAt', page: 700 })), { analyze: true });
      const readUsers = all.filter((node) => node['Relation Name'] === 'users');
      expect(readUsers.length).toBeGreaterThan(0);
      expect(readUsers.filter((node) => (node['Actual Loops'] ?? 0) > 0).map((node) => node['Node Type'])).toEqual([]);
    });

    it.each(SORTS)('role=driver&sort=%s, page 100: the role index in order', async (sort) => {
      await expectIndexed(userPageWithTotalSql(list({ sort, role: Role.Driver, page: 100 })));
    });

    /** Nodes that test rows against `column` but read the table to do it. */
    const filteredInTable = (all: PlanNode[], column: string) =>
      all
        .filter((node) => node.Filter?.includes(column) && node['Node Type'] !== 'Index Only Scan')
        .map((node) => `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name']}: ${node.Filter}`);

    // On a million people the planner walks the sort index for a status filter (the
    // status index would return 46,000 rows to sort); here, with fewer, it is made to.
    it.each(SORTS)('status=disabled&sort=%s, page 10: tests the status in the index, not the table', async (sort) => {
      const all = await planWalkingSortOrder(userPageSql(list({ sort, status: UserStatus.Disabled, page: 10 })));
      expect(filteredInTable(all, 'status')).toEqual([]);
    });

    it.each(SORTS)('role=driver&status=disabled&sort=%s, page 2: likewise', async (sort) => {
      const all = await planWalkingSortOrder(
        userPageSql(list({ sort, role: Role.Driver, status: UserStatus.Disabled, page: 2 })),
      );
      expect(filteredInTable(all, 'status')).toEqual([]);
    });

    it.each(['p', 'pe'])(
      'search=%s sorted by email, walking the sort order: tests the words in the index',
      async (search) => {
        const all = await planWalkingSortOrder(userPageSql(list({ search, sort: 'email', page: 3 })));
        expect(filteredInTable(all, 'search_prefixes')).toEqual([]);
        expect(all.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
      },
    );

    it.each([
      ['a rare fragment', 'hopper29'],
      ['a common fragment', 'son'],
      ['one letter', 'p'],
      ['two letters', 'pe'],
    ])('search by %s (%s): page and bounded count through indexes', async (_, search) => {
      for (const sort of ['email', '-lastSignInAt'] as UserSort[])
        await expectIndexed(userPageSql(list({ search, sort })));
      await expectIndexed(userCountSql({ search }));
    });

    it('counts without reading users: totals come from user_counts', async () => {
      for (const criteria of [
        {},
        { role: Role.Driver },
        { status: UserStatus.Active },
        { role: Role.Driver, status: UserStatus.Disabled },
      ]) {
        expect((await plan(userCountSql(criteria))).filter((node) => node['Relation Name'] === 'users')).toEqual([]);
      }
    });
  });

  describe('answers', () => {
    it('reports exact totals, also by role and status', async () => {
      const all = await users('');
      expect(all.body).toMatchObject({ total: PEOPLE + 1, totalExact: true });
      const [{ count }] = (
        await app.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users WHERE role = 'driver'`)
      ).rows;
      expect((await users('?role=driver')).body).toMatchObject({ total: count, totalExact: true });
      // More than COUNT_LIMIT people are active, and the total is still exact.
      const [active] = (
        await app.db.query<{ count: number; drivers: number }>(
          `SELECT count(*)::int AS count, (count(*) FILTER (WHERE role = 'driver'))::int AS drivers FROM users WHERE status = 'active'`,
        )
      ).rows;
      expect(active.count).toBeGreaterThan(COUNT_LIMIT);
      expect((await users('?status=active')).body).toMatchObject({ total: active.count, totalExact: true });
      expect((await users('?status=active&role=driver')).body).toMatchObject({
        total: active.drivers,
        totalExact: true,
      });
    });

    const matching = async (fragment: string) =>
      Number(
        (await app.db.query(`SELECT count(*) FROM users WHERE name ILIKE $1 OR email LIKE $1`, [`%${fragment}%`]))
          .rows[0].count,
      );

    it.each(['example', 'e'])('bounds the count of a search matching more than 10,000 people (%s)', async (search) => {
      const reply = await users(`?search=${search}`);
      expect(reply.body).toMatchObject({ total: COUNT_LIMIT, totalExact: false });
      expect(reply.body.items).toHaveLength(25);
    });

    it.each([
      ['example', 'name'],
      ['e', '-createdAt'],
    ] as const)(
      'a search known to match more than 10,000 (%s, sort=%s) then walks the sort order, with the same answers',
      async (search, sort) => {
        for (const page of [1, 3]) {
          const query = `?search=${search}&sort=${sort}&page=${page}`;
          const counted = await users(query);
          // The first answer counted and found more than the limit; this one walks the sort order.
          const walked = await users(query);
          expect(walked.body).toEqual(counted.body);
          expect(walked.body).toMatchObject({ total: COUNT_LIMIT, totalExact: false });
          expect(walked.body.items).toHaveLength(25);
        }
        const walk = await planWalkingSortOrder(userPageSql(list({ search, sort, page: 3 })));
        expect(walk.filter((node) => node['Node Type'].startsWith('Bitmap'))).toEqual([]);
        expect(walk.filter((node) => node['Node Type'] === 'Sort' && node['Plan Rows'] > 1_000)).toEqual([]);
        expect(walk.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
      },
    );

    it('counts a search matching fewer exactly', async () => {
      expect((await users('?search=lovelace')).body).toMatchObject({
        total: await matching('lovelace'),
        totalExact: true,
      });
    });

    it('answers an empty page past the last one', async () => {
      const reply = await users('?role=administrator&page=1000');
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ items: [], total: PEOPLE / 100 + 1, page: 1000 });
    });

    it('reads pages past the middle from the other end, in the same order', async () => {
      const total = PEOPLE + 1;
      const lastPage = Math.ceil(total / 25);
      for (const [sort, order] of [
        ['name', 'name, id'],
        ['-lastSignInAt', 'last_sign_in_at DESC NULLS LAST, id DESC'],
      ]) {
        for (const page of [lastPage, 700]) {
          const items = (await users(`?sort=${sort}&page=${page}`)).body.items;
          const fromStart = (
            await app.db.query<{ email: string }>(`SELECT email FROM users ORDER BY ${order} LIMIT 25 OFFSET $1`, [
              (page - 1) * 25,
            ])
          ).rows;
          expect(items.map((user) => user.email)).toEqual(fromStart.map((row) => row.email));
          expect(items.length).toBeGreaterThan(0);
        }
      }
    });

    it('matches one or two characters at the start of a word of the name or email, case-insensitively', async () => {
      const prefixed = await users('?search=Pe&pageSize=100');
      expect(prefixed.body.items.length).toBeGreaterThan(0);
      for (const user of prefixed.body.items) {
        const words = `${user.name} ${user.email.replace(/\.[^.@]*$/, '')}`.toLowerCase().split(/[^a-z0-9]+/);
        expect(words.some((word) => word.startsWith('pe'))).toBe(true);
      }
      // "co" starts no word: only the top-level domain ".com" has it, and it is not a word.
      expect((await users('?search=co')).body.total).toBe(
        Number((await app.db.query(`SELECT count(*) FROM users WHERE name ~* '(^|[^a-z0-9])co'`)).rows[0].count),
      );
      // Inside a word, one or two characters do not match; three do.
      expect((await users('?search=vel')).body.total).toBe(await matching('vel'));
      expect((await users('?search=ve')).body.total).toBe(0);
    });

    it.each(["'", '\\', ':*', '&|', '!', "'a"])('takes %s literally: 200, nobody matches', async (search) => {
      const reply = await users(`?search=${encodeURIComponent(search)}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ items: [], total: 0, totalExact: true });
    });

    it('puts people who never signed in first ascending and last descending', async () => {
      const ascending = (await users('?sort=lastSignInAt&pageSize=100')).body.items;
      expect(ascending.every((user) => user.lastSignInAt === null)).toBe(true);
      const descending = (await users('?sort=-lastSignInAt&pageSize=100')).body.items;
      expect(descending.every((user) => user.lastSignInAt !== null)).toBe(true);
    });

    it('keeps user_counts exact through sign-ups, role and status changes and deletions', async () => {
      const counts = async () =>
        (
          await app.db.query<{ role: string; status: string; count: string }>(
            'SELECT role, status, count FROM user_counts WHERE count > 0 ORDER BY role, status',
          )
        ).rows;
      const actual = async () =>
        (
          await app.db.query<{ role: string; status: string; count: string }>(
            'SELECT role, status, count(*) AS count FROM users GROUP BY role, status ORDER BY role, status',
          )
        ).rows;
      const grace = await signIn(app, aGoogleIdentity({ email: 'grace@example.com' }));
      await http.request('PATCH', `${app.url}/api/auth/users/grace@example.com/role`, {
        headers: admin.auth,
        body: { role: 'driver' },
      });
      await app.db.query(`UPDATE users SET role = 'coordinator' WHERE role = 'driver' AND email LIKE 'zoe.%'`);
      await http.request('POST', `${app.url}/api/auth/users/grace@example.com/disable`, { headers: admin.auth });
      await app.db.query(`UPDATE users SET status = 'pending', role = 'driver' WHERE email LIKE 'adele.%'`);
      await http.request('DELETE', `${app.url}/api/auth/users/${grace.user.email}`, { headers: admin.auth });
      await app.db.query(`DELETE FROM users WHERE email LIKE 'ida.%'`);
      expect(await counts()).toEqual(await actual());
    });
  });
});
