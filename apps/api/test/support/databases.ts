import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'vip_e2e_template';

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.href;
}

function serverUrl(): string {
  const url = process.env['VIP_TEST_SERVER_URL'];
  if (!url) throw new Error('VIP_TEST_SERVER_URL is unset: run through the e2e jest config');
  return url;
}

/** A fresh, migrated database of this test file's own. */
export async function createTestDatabase(
  template: string | null = TEMPLATE_DATABASE,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vip_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
        break;
      } catch (error) {
        // Two files copying the template at the same moment: try again shortly.
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl(), name),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        // pg's pool.end() resolves before its connections have closed; FORCE would kill
        // one still closing, and its client would raise an unhandled error in the test's
        // process. So wait (up to a second) for them to go, then force what is left.
        for (let waited = 0; waited < 1000; waited += 20) {
          const { rows } = await client.query<{ open: number }>(
            'SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0].open === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
