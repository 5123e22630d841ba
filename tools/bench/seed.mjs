// Seeds one fresh database with `users` people and `events` audit events, set-based
// (INSERT … SELECT … FROM generate_series), deterministic for a given size.
//
// The people: 50 × 50 first and last names (a number is appended after the first 2,500
// pairs), ten e-mail domains, 0.1 % administrators (at least 2), 40 % coordinators, the
// rest drivers; accounts created over five years, more of them recently; 8 % never
// signed in; the others signed in between their creation and now, mostly lately.
// Known fragments for the search cases:
//   - RARE_FRAGMENT: a surname given to exactly five people at every size;
//   - COMMON_FRAGMENT: the domain of 10 % of people;
//   - ONE_LETTER_FRAGMENT: one letter, in about a quarter of names and emails (not "p",
//     which every `.example` address holds).
// When `users` has a `status` column: never signed in → pending, 5 % disabled, the rest active.

export const RARE_FRAGMENT = 'quennell';
export const COMMON_FRAGMENT = 'northwind';
export const ONE_LETTER_FRAGMENT = 'k';

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Katherine',
  'Dorothy',
  'Mary',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Aisha',
  'Mohammed',
  'Wei',
  'Yuki',
  'Priya',
  'Carlos',
  'Sofia',
  'Liam',
  'Olga',
  'Kwame',
  'Fatima',
  'Hiroshi',
  'Ingrid',
  'Mateo',
  'Chloe',
  'Dmitri',
  'Amara',
  'Noah',
  'Elif',
  'Ravi',
  'Lucia',
  'Oscar',
  'Zanele',
  'Henrik',
  'Mei',
  'Tomasz',
  'Leila',
  'Diego',
  'Anja',
  'Samuel',
  'Nadia',
  'Jonas',
  'Ines',
  'Kofi',
  'Marta',
  'Arjun',
  'Emma',
  'Pedro',
  'Sana',
  'Victor',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Johnson',
  'Vaughan',
  'Jackson',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Okafor',
  'Haddad',
  'Chen',
  'Tanaka',
  'Sharma',
  'Garcia',
  'Rossi',
  'Murphy',
  'Ivanova',
  'Mensah',
  'Khan',
  'Sato',
  'Larsen',
  'Fernandez',
  'Martin',
  'Petrov',
  'Nwosu',
  'Smith',
  'Yilmaz',
  'Patel',
  'Silva',
  'Andersson',
  'Dlamini',
  'Nielsen',
  'Wang',
  'Kowalski',
  'Rahimi',
  'Lopez',
  'Schmidt',
  'Cohen',
  'Benali',
  'Weber',
  'Moreau',
  'Boateng',
  'Novak',
  'Iyer',
  'Dubois',
  'Santos',
  'Malik',
  'Horvat',
];
const DOMAINS = [
  'fleet.example',
  'vip.example',
  'drivers.example',
  'events.example',
  'contoso.example',
  'fabrikam.example',
  'tailspin.example',
  'adatum.example',
  'litware.example',
];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];

const sqlArray = (values) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`;
/** A deterministic number in [0, 1) from the row number `n` and a salt. */
const uniform = (n, salt) => `((hashint4(${n} * 31 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;
/** The Google-like subject of person number `n`, so events can find people again. */
const subjectOf = (n) => `'1' || lpad((${n})::text, 20, '0')`;

export const administratorsFor = (users) => Math.max(2, Math.floor(users / 1000));

/** Drops the secondary indexes of `table` and returns a function that rebuilds them. */
async function withoutSecondaryIndexes(db, table) {
  const { rows } = await db.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  for (const { name } of rows) await db.query(`DROP INDEX ${name}`);
  return async () => {
    for (const { definition } of rows) await db.query(definition);
  };
}

/** The SQL type of `users.status` (a later migration adds it), or undefined while there is none. */
export async function statusType(db) {
  const { rows } = await db.query(
    `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = 'users'::regclass AND attname = 'status' AND NOT attisdropped`,
  );
  return rows[0]?.type;
}

async function seedUsers(db, users, status) {
  const admins = administratorsFor(users);
  const pairs = FIRST_NAMES.length * LAST_NAMES.length;
  const rareEvery = Math.max(1, Math.floor(users / 5));
  // One row of generated facts per person, then the columns from them.
  await db.query(`
    INSERT INTO users (email, name, picture, role, provider, provider_subject, created_at, updated_at, last_sign_in_at${status ? ', status' : ''})
    SELECT lower(first || '.' || last) || suffix || '@' || domain,
           first || ' ' || last,
           CASE WHEN ${uniform('i', 9)} < 0.6 THEN 'https://lh3.googleusercontent.com/a/bench-' || i END,
           role, 'google', ${subjectOf('i')},
           created_at, coalesce(last_sign_in_at, created_at), last_sign_in_at
           ${status ? `, (CASE WHEN last_sign_in_at IS NULL THEN 'pending' WHEN role <> 'administrator' AND ${uniform('i', 3)} < 0.05 THEN 'disabled' ELSE 'active' END)::${status}` : ''}
      FROM (
        SELECT i, first, last, domain, role, created_at,
               CASE WHEN role = 'administrator' OR ${uniform('i', 4)} >= 0.08
                    THEN created_at + (now() - created_at) * (1 - ${uniform('i', 6)} ^ 3) END AS last_sign_in_at,
               CASE WHEN last = 'Quennell' THEN i::text WHEN i >= ${pairs} THEN (i / ${pairs})::text ELSE '' END AS suffix
          FROM (
            SELECT i,
                   (${sqlArray(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] AS first,
                   CASE WHEN i % ${rareEvery} = 3 % ${rareEvery} AND i <= ${rareEvery * 5} THEN 'Quennell'
                        ELSE (${sqlArray(LAST_NAMES)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] END AS last,
                   CASE WHEN ${uniform('i', 1)} < 0.10 THEN '${COMMON_FRAGMENT}.example'
                        ELSE (${sqlArray(DOMAINS)})[1 + (hashint4(i) & 2147483647) % ${DOMAINS.length}] END AS domain,
                   CASE WHEN i <= ${admins} THEN 'administrator' WHEN ${uniform('i', 2)} < 0.4 THEN 'coordinator' ELSE 'driver' END AS role,
                   now() - make_interval(secs => 5 * 365 * 86400 * ${uniform('i', 5)} ^ 2) AS created_at
              FROM generate_series(1, ${users}) AS i
          ) AS person
      ) AS facts`);
}

async function seedEvents(db, users, events) {
  const admins = administratorsFor(users);
  // Two years of history, oldest first; 70 % sign-ins, 12 % sign-outs, 6 % refused
  // sign-ins (unknown people), 8 % role changes and 4 % deletions by administrators.
  await db.query(`
    INSERT INTO audit_events (occurred_at, actor_id, actor_email, action, target_id, target_email, details, request_id, ip, user_agent)
    SELECT e.occurred_at,
           CASE WHEN e.action = 'user.sign_in_refused' THEN NULL WHEN e.by_admin THEN a.id ELSE p.id END,
           CASE WHEN e.action = 'user.sign_in_refused' THEN NULL WHEN e.by_admin THEN a.email ELSE p.email END,
           e.action,
           CASE WHEN e.action = 'user.sign_in_refused' THEN NULL ELSE p.id END,
           CASE WHEN e.action = 'user.sign_in_refused' THEN 'visitor' || e.j || '@gmail.com' ELSE p.email END,
           CASE e.action
             WHEN 'user.role_changed' THEN jsonb_build_object('from', 'driver', 'to', 'coordinator')
             WHEN 'user.sign_in_refused' THEN jsonb_build_object('reason', 'domain_not_allowed')
             ELSE '{}'::jsonb END,
           md5(e.j::text),
           '10.' || (e.j % 200) || '.' || (e.j / 200 % 250) || '.' || (e.j % 97 + 1),
           (${sqlArray(USER_AGENTS)})[1 + e.j % ${USER_AGENTS.length}]
      FROM (
        SELECT j, action, action IN ('user.role_changed', 'user.deleted') AS by_admin,
               now() - make_interval(secs => (${events} - j) * (2 * 365 * 86400.0 / ${events}) + 60 * ${uniform('j', 12)}) AS occurred_at,
               1 + floor(${uniform('j', 8)} * ${users})::int AS person,
               1 + j % ${admins} AS admin
          FROM (
            SELECT j, CASE WHEN r < 0.70 THEN 'user.signed_in' WHEN r < 0.82 THEN 'user.signed_out'
                           WHEN r < 0.88 THEN 'user.sign_in_refused' WHEN r < 0.96 THEN 'user.role_changed'
                           ELSE 'user.deleted' END AS action
              FROM (SELECT j, ${uniform('j', 7)} AS r FROM generate_series(1, ${events}) AS j) AS draw
          ) AS chosen
      ) AS e
      JOIN users p ON p.provider = 'google' AND p.provider_subject = ${subjectOf('e.person')}
      JOIN users a ON a.provider = 'google' AND a.provider_subject = ${subjectOf('e.admin')}`);
}

/** Seeds, rebuilds the indexes, VACUUM ANALYZE; says what it did and how long it took. */
export async function seed(db, { users, events, log }) {
  const status = await statusType(db);
  const withStatus = status !== undefined;
  await db.query(`SET maintenance_work_mem = '256MB'`);
  const timed = async (label, work) => {
    const started = Date.now();
    await work();
    log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const rebuildUsers = await withoutSecondaryIndexes(db, 'users');
  const rebuildEvents = await withoutSecondaryIndexes(db, 'audit_events');
  await timed(`${users.toLocaleString('en')} people${withStatus ? ' (with status)' : ''}`, () =>
    seedUsers(db, users, status),
  );
  await timed(`${events.toLocaleString('en')} audit events`, () => seedEvents(db, users, events));
  await timed('indexes rebuilt', async () => {
    await rebuildUsers();
    await rebuildEvents();
  });
  await timed('VACUUM ANALYZE', async () => {
    await db.query('VACUUM ANALYZE users');
    await db.query('VACUUM ANALYZE audit_events');
  });
  return { withStatus };
}

/** The people and values the cases use, read back from the seeded database. */
export async function seededFacts(db, users) {
  const one = async (sql, params = []) => (await db.query(sql, params)).rows[0];
  const admin = await one(`SELECT id, email FROM users WHERE provider_subject = ${subjectOf('$1::int')}`, [1]);
  const secondAdmin = await one(`SELECT email FROM users WHERE provider_subject = ${subjectOf('$1::int')}`, [2]);
  const someone = await one(`SELECT email FROM users WHERE provider_subject = ${subjectOf('$1::int')}`, [
    Math.ceil(users * 0.4242),
  ]);
  const counts = await one(
    `SELECT count(*) FILTER (WHERE name ILIKE $1 OR email ILIKE $1)::int AS rare,
            count(*) FILTER (WHERE name ILIKE $2 OR email ILIKE $2)::int AS common,
            count(*) FILTER (WHERE name ILIKE $3 OR email ILIKE $3)::int AS one_letter,
            count(*)::int AS people
       FROM users`,
    [`%${RARE_FRAGMENT}%`, `%${COMMON_FRAGMENT}%`, `%${ONE_LETTER_FRAGMENT}%`],
  );
  return { admin, actorEmail: secondAdmin.email, someoneEmail: someone.email, counts };
}
