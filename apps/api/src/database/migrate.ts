import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { migrations } from './migrations';

/** Session-level advisory lock held while migrating; distinct from the keys the features lock. */
export const MIGRATIONS_LOCK = 7265100;

/**
 * Applies pending migrations with TypeORM, on a connection of its own that is closed
 * afterwards. Replicas starting together queue on an advisory lock held by a dedicated
 * connection, so the first one migrates and the others find nothing left to do.
 */
export async function runMigrations(url: string): Promise<void> {
  const lock = new Client({ connectionString: url, application_name: 'vip-coordinator-migrations-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Ending the session releases the lock as well, even when the unlock itself fails.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** Names of the migrations this build knows but the database has not applied. */
export async function pendingMigrations(query: (text: string) => Promise<{ name: string }[]>): Promise<string[]> {
  const known = migrations.map((Migration) => new Migration().name ?? Migration.name);
  const applied = await query('SELECT name FROM migrations').catch((error: { code?: string }) => {
    // No migrations table yet: nothing has been applied.
    if (error.code === '42P01') return [];
    throw error;
  });
  const done = new Set(applied.map((row) => row.name));
  return known.filter((name) => !done.has(name));
}
