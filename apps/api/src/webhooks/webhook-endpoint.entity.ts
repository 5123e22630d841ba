import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookDisabledReason, WebhookEventType } from '@vip/shared-dto';
import { UserEntity } from '../users/user.entity';

/**
 * A row of `webhook_endpoints`. The signing secret is kept as issued (`whsec_…`): every
 * delivery signs with it. Never leaves the API: `toWebhook` maps it, without the secret.
 */
@Entity({ name: 'webhook_endpoints' })
@Check('webhook_endpoints_disabled_reason_check', `disabled_reason IN ('manual', 'failing')`)
@Check('webhook_endpoints_disabled_check', `enabled = (disabled_reason IS NULL)`)
@Check('webhook_endpoints_events_check', `cardinality(events) > 0`)
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_endpoints_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  /** The audit actions sent here; the outbox insert joins on `action = ANY (events)`. */
  @Column({ type: 'text', array: true })
  events!: WebhookEventType[];

  @Column({ type: 'varchar', length: 64 })
  secret!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 20, nullable: true })
  disabledReason!: WebhookDisabledReason | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Start of the current run of failed attempts; cleared by the next success. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey(() => UserEntity, { name: 'webhook_endpoints_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
