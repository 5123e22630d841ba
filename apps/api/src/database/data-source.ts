import * as pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { OAuthStateEntity } from '../auth/oauth-state.entity';
import { SessionEntity } from '../auth/session.entity';
import { UserEntity } from '../users/user.entity';
import { migrations } from './migrations';

export const entities = [UserEntity, SessionEntity, OAuthStateEntity, AuditEventEntity];

/** The one description of the database, shared by the app, the tests and the migration CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // Passed explicitly so bundlers keep it (TypeORM otherwise loads it dynamically).
    driver: pg,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'vip-coordinator' },
  };
}

/** Used by `npm run migration:*`; needs DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env['DATABASE_URL'] ?? 'postgres://localhost/vip'));
