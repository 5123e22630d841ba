import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { migrations } from '../src/database/migrations';
import { createTestDatabase } from './support/databases';

describe('migrations', () => {
  it('run all up, all down, and up again on an empty database', async () => {
    const database = await createTestDatabase(null);
    const dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    const tables = async () =>
      (
        await dataSource.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
        )
      ).map((row: { table_name: string }) => row.table_name);
    // One table per entity: generated features add theirs.
    const entityTables = dataSource.entityMetadatas.map((entity) => entity.tableName).sort();
    try {
      expect(entityTables).toEqual(expect.arrayContaining(['audit_events', 'oauth_states', 'sessions', 'users']));
      expect(await dataSource.runMigrations()).toHaveLength(migrations.length);
      expect(await tables()).toEqual(entityTables);
      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration();
      expect(await tables()).toEqual([]);
      expect(await dataSource.runMigrations()).toHaveLength(migrations.length);
      expect(await tables()).toEqual(entityTables);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('enforce the data rules in the schema itself', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    const insert = (email: string, subject: string, role = 'coordinator') =>
      dataSource.query(
        `INSERT INTO users (email, name, role, provider, provider_subject) VALUES ($1, 'N', $2, 'google', $3)`,
        [email, role, subject],
      );
    try {
      await insert('a@example.com', 's1');
      await expect(insert('a@example.com', 's2')).rejects.toThrow(/users_email_key/);
      await expect(insert('A@example.com', 's3')).rejects.toThrow(/users_email_lower_check/);
      await expect(insert('b@example.com', 's1')).rejects.toThrow(/users_provider_subject_key/);
      await expect(insert('c@example.com', 's4', 'root')).rejects.toThrow(/users_role_check/);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});

describe('health', () => {
  it('answers 503 when the database is gone', async () => {
    const { startTestApp, Browser } = await import('./support/test-app');
    const app = await startTestApp();
    try {
      expect((await new Browser().get(`${app.url}/api/health`)).status).toBe(200);
      await app.db.end();
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: process.env['VIP_TEST_SERVER_URL'] });
      await admin.connect();
      await admin.query(`DROP DATABASE ${new URL(app.databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
      const reply = await new Browser().get(`${app.url}/api/health`);
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'UNAVAILABLE' });
    } finally {
      await app.app.close();
    }
  });
});
