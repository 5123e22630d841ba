import './tsconfig-paths';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGoogle } from '@vip/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEMPLATE_DATABASE, withDatabase } from './databases';

/**
 * Once per run: a real PostgreSQL (embedded, unless DATABASE_URL names one), a template
 * database with every migration applied, and the fake Google. Test files copy the
 * template into databases of their own, so they can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dir: mkdtempSync(join(tmpdir(), 'vip-test-pg-')),
      database: 'postgres',
      preferredPort: 0,
    });
    (globalThis as Record<string, unknown>)['__EMBEDDED_PG__'] = embedded;
    serverUrl = embedded.url;
  }
  process.env['VIP_TEST_SERVER_URL'] = serverUrl;

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const dataSource = new DataSource(dataSourceOptions(withDatabase(serverUrl, TEMPLATE_DATABASE)));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const google = await startFakeGoogle();
  (globalThis as Record<string, unknown>)['__FAKE_GOOGLE__'] = google;
  Object.assign(process.env, google.env, { VIP_FAKE_GOOGLE_URL: google.url });
}
