import { Global, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { runMigrations } from './migrate';

/** Provides `Database` to every feature; runs pending migrations first unless told not to. */
@Global()
@Module({
  providers: [
    {
      provide: Database,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL must be resolved before the app starts');
        if (config.migrationsRun) await runMigrations(config.databaseUrl);
        return new Database(createPool(config.databaseUrl, config), { slowQueryMs: config.databasePool.slowQueryMs });
      },
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}

/**
 * Fails fast rather than queueing forever: waiting for a connection, a statement, a lock
 * and a transaction left open all have limits, so a lost or stuck database turns into
 * quick 503s instead of hung requests.
 */
export function createPool(url: string, config: AppConfig): Pool {
  const { max, connectTimeoutMs, statementTimeoutMs } = config.databasePool;
  return new Pool({
    connectionString: url,
    max,
    application_name: 'vip-coordinator',
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    lock_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: statementTimeoutMs,
    keepAlive: true,
  });
}
