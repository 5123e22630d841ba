import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/**
 * The outbox: one row per event per endpoint, written in the transaction of the change
 * (see `AuditRepository.insert`). Delivered in `id` order per endpoint; a row is pending
 * until it is delivered or given up, and the worker claims it by moving `next_attempt_at`.
 */
@Entity({ name: 'webhook_messages' })
@Index('webhook_messages_endpoint_id_idx', ['endpointId', 'id'])
@Index('webhook_messages_created_at_idx', ['createdAt'])
@Index('webhook_messages_pending_idx', ['endpointId', 'id'], {
  where: 'delivered_at IS NULL AND given_up_at IS NULL',
})
@Check('webhook_messages_source_check', `(audit_event_id IS NULL) <> (data IS NULL)`)
export class WebhookMessageEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'webhook_messages_pkey',
  })
  id!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  @ForeignKey(() => WebhookEndpointEntity, { name: 'webhook_messages_endpoint_id_fkey', onDelete: 'CASCADE' })
  endpointId!: string;

  /** The `webhook-id`: the same for every attempt and redelivery, and for every endpoint. */
  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** The recorded change this event tells of; its `data` is that audit event (append-only, so no foreign key). */
  @Column({ name: 'audit_event_id', type: 'bigint', nullable: true })
  auditEventId!: string | null;

  /** The `data` of an event that is no audit event (a test event). */
  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** When it is due; a claimed row is pushed past the attempt's timeout, so a crash only delays it. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'given_up_at', type: 'timestamptz', nullable: true })
  givenUpAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
