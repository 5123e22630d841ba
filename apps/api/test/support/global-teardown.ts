import { Client } from 'pg';
import { TEMPLATE_DATABASE } from './databases';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as unknown as Record<string, { stop(): Promise<void> } | undefined>;
  await globals['__FAKE_GOOGLE__']?.stop();
  const embedded = globals['__EMBEDDED_PG__'];
  if (embedded) {
    await embedded.stop();
    return;
  }
  const admin = new Client({ connectionString: process.env['VIP_TEST_SERVER_URL'] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.end();
}
