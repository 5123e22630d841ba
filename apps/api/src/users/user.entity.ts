import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role, UserStatus } from '@vip/shared-dto';

/**
 * A row of `users`. Never leaves the API: `toUser` maps it to the contract's `User`.
 * Declares the whole table as the migrations create it; the drift test holds them equal.
 * The list indexes serve each sort, alone and after `role = $1`, read forward or backward.
 */
@Entity({ name: 'users' })
@Check('users_role_check', `role IN ('administrator', 'coordinator', 'driver')`)
// Emails are stored lower-cased, so the plain unique constraint is case-insensitive.
@Check('users_email_lower_check', `email = lower(email)`)
@Unique('users_email_key', ['email'])
@Unique('users_provider_subject_key', ['provider', 'providerSubject'])
// The list indexes carry role and status (INCLUDE), so a filter walks them without
// reading the table; TypeORM cannot declare INCLUDE, nor NULLS FIRST, nor a partial index's
// expression here. See the migration CoveringListIndexes.
@Index('users_name_idx', { synchronize: false })
@Index('users_created_at_idx', { synchronize: false })
@Index('users_role_email_idx', { synchronize: false })
@Index('users_role_name_idx', { synchronize: false })
@Index('users_role_created_at_idx', { synchronize: false })
@Index('users_last_sign_in_at_idx', { synchronize: false })
@Index('users_role_last_sign_in_at_idx', { synchronize: false })
@Index('users_status_email_idx', { synchronize: false })
// (email) INCLUDE (role, status, search_prefixes): short searches sorted by email.
@Index('users_email_search_idx', { synchronize: false })
// (created_at, email) WHERE last_sign_in_at IS NULL: the never-signed-in dormant accounts.
@Index('users_never_signed_in_idx', { synchronize: false })
// Trigram GIN indexes (gin_trgm_ops, fastupdate = off): TypeORM cannot declare operator classes or storage parameters.
@Index('users_name_trgm_idx', { synchronize: false })
@Index('users_email_trgm_idx', { synchronize: false })
// GIN (search_prefixes) with fastupdate = off, likewise.
@Index('users_search_prefixes_idx', { synchronize: false })
@Check('users_status_check', `status IN ('active', 'pending', 'disabled')`)
@Index('users_role_status_email_idx', ['role', 'status', 'email'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  picture!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'coordinator' })
  role!: Role;

  @Column({ type: 'varchar', length: 50, default: 'google' })
  provider!: string;

  @Column({ name: 'provider_subject', type: 'varchar', length: 255 })
  providerSubject!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;

  /** The one- and two-character starts of the words of name and email, kept by a trigger (search). */
  @Column({ name: 'search_prefixes', type: 'tsvector', select: false, insert: false, update: false })
  searchPrefixes!: string;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status!: UserStatus;
}
