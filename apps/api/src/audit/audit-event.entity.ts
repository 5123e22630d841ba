import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction } from '@vip/shared-dto';

/**
 * A row of `audit_events` (append-only). Never leaves the API: `toAuditEvent` maps it.
 * No foreign keys to users: events outlive the people they mention.
 */
@Entity({ name: 'audit_events' })
@Check(
  'audit_events_action_check',
  `action IN ('user.signed_in', 'user.sign_in_refused', 'user.first_administrator', 'user.role_changed', 'user.deleted', 'user.signed_out')`,
)
// (…, occurred_at DESC, id DESC) indexes for the newest-first list: TypeORM cannot declare a column's sort order.
@Index('audit_events_occurred_at_idx', { synchronize: false })
@Index('audit_events_action_idx', { synchronize: false })
@Index('audit_events_actor_email_idx', { synchronize: false })
@Index('audit_events_target_email_idx', { synchronize: false })
@Index('audit_events_actor_id_idx', { synchronize: false })
@Index('audit_events_target_id_idx', { synchronize: false })
@Index('audit_events_signed_in_idx', ['occurredAt'], { where: `action = 'user.signed_in'` })
// Not expressible in TypeORM, and not compared by it either: the triggers audit_events_append_only
// (BEFORE UPDATE OR DELETE) and audit_events_no_truncate, both calling audit_events_append_only().
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'audit_events_pkey',
  })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 320, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: AuditAction;

  /** The API token that acted, as it was named then (no foreign key: events outlive tokens). */
  @Column({ name: 'actor_token_id', type: 'uuid', nullable: true })
  actorTokenId!: string | null;

  @Column({ name: 'actor_token_name', type: 'varchar', length: 100, nullable: true })
  actorTokenName!: string | null;

  @Column({ name: 'actor_token_prefix', type: 'varchar', length: 12, nullable: true })
  actorTokenPrefix!: string | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ name: 'target_email', type: 'varchar', length: 320, nullable: true })
  targetEmail!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;
}
