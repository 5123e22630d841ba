// EXPLAIN (ANALYZE, BUFFERS) of the users list queries the issue names, with the very SQL
// the API runs: apps/api/src/users/user-list.sql.ts, bundled on the fly by esbuild.
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The API's list SQL builders (`userPageSql`, `userPageWithTotalSql`, `userCountSql`), compiled into `workDir`. */
async function listSql(workDir) {
  const outfile = join(workDir, 'user-list.sql.mjs');
  buildSync({
    entryPoints: ['apps/api/src/users/user-list.sql.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    tsconfig: 'tsconfig.base.json',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

/** The plans, as text, of the queries the issue asks to see (and the short-fragment path). */
export async function explainUsersList(db, { commonFragment, oneLetterFragment, workDir }) {
  const { userPageSql, userPageWithTotalSql, userCountSql } = await listSql(workDir);
  const list = (criteria) => ({ page: 1, pageSize: 25, ...criteria });
  const queries = [
    [
      'page 200 sorted by -lastSignInAt, with its total',
      userPageWithTotalSql(list({ page: 200, sort: '-lastSignInAt' })),
    ],
    [`search "${commonFragment}" (common fragment), first page`, userPageSql(list({ search: commonFragment }))],
    [`search "${commonFragment}" (common fragment), bounded count`, userCountSql({ search: commonFragment })],
    [`search "${oneLetterFragment}" (one letter), first page`, userPageSql(list({ search: oneLetterFragment }))],
    [`search "${oneLetterFragment}" (one letter), bounded count`, userCountSql({ search: oneLetterFragment })],
  ];
  const plans = [];
  for (const [label, { text, values }] of queries) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    plans.push({ label, sql: text, values, plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
  }
  return plans;
}
