import * as pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { OAuthStateEntity } from '../auth/oauth-state.entity';
import { SessionEntity } from '../auth/session.entity';
import { InvitationEntity } from '../invitations/invitation.entity';
import { ApiTokenEntity } from '../tokens/api-token.entity';
import { SettingsEntity } from '../settings/settings.entity';
import { UserCountEntity } from '../users/user-count.entity';
import { UserEntity } from '../users/user.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';
import { WebhookMessageEntity } from '../webhooks/webhook-message.entity';
import { migrations } from './migrations';

export const entities = [
  UserEntity,
  UserCountEntity,
  SessionEntity,
  OAuthStateEntity,
  AuditEventEntity,
  SettingsEntity,
  InvitationEntity,
  ApiTokenEntity,
  WebhookEndpointEntity,
  WebhookMessageEntity,
  WebhookDeliveryEntity,
];

/** The schema (entities) and its migrations, for the migration runner, the CLI and the tests. */
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
    extra: { max: 1, application_name: 'vip-coordinator-migrations' },
  };
}

/** Used by `npm run migration:*`; needs DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env['DATABASE_URL'] ?? 'postgres://localhost/vip'));
