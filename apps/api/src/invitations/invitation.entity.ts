import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@vip/shared-dto';
import { UserEntity } from '../users/user.entity';

/** A row of `invitations`. Its state is derived: accepted, revoked, expired or pending. */
@Entity({ name: 'invitations' })
@Check('invitations_email_lower_check', `email = lower(email)`)
@Check('invitations_role_check', `role IN ('administrator', 'coordinator', 'driver')`)
@Check('invitations_closed_once_check', `accepted_at IS NULL OR revoked_at IS NULL`)
@Index('invitations_created_at_idx', ['createdAt', 'id'])
@Index('invitations_email_idx', ['email', 'id'])
@Index('invitations_expires_at_idx', ['expiresAt', 'id'])
@Index('invitations_invited_by_idx', ['invitedBy'])
// Partial indexes (open, accepted, revoked invitations) and the trigram GIN index on email
// (gin_trgm_ops, fastupdate = off): declared in the migration, which TypeORM cannot express.
@Index('invitations_email_trgm_idx', { synchronize: false })
@Index('invitations_open_email_idx', { synchronize: false })
@Index('invitations_open_idx', { synchronize: false })
@Index('invitations_accepted_idx', { synchronize: false })
@Index('invitations_revoked_idx', { synchronize: false })
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitations_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  /** The name the roster gave; the account takes Google's. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  @ForeignKey(() => UserEntity, { name: 'invitations_invited_by_fkey', onDelete: 'SET NULL' })
  invitedBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
