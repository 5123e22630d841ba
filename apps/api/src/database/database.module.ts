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
        return new Database(new Pool({ connectionString: config.databaseUrl, max: 20, application_name: 'vip-coordinator' }));
      },
    },
  ],
  exports: [Database],
})
export class DatabaseModule {}
