import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@vip/shared-dto';

/**
 * A row of `users`. Never leaves the API: `toUser` maps it to the contract's `User`.
 * The list indexes (migration `ListsAtScale`): each sort, alone and after `role = $1`,
 * read forward or backward. TypeORM cannot express `NULLS FIRST` or GIN operator
 * classes, so those are declared `synchronize: false` and kept by the migrations.
 */
@Entity({ name: 'users' })
@Index('users_role_email_idx', ['role', 'email'])
@Index('users_role_name_idx', ['role', 'name', 'id'])
@Index('users_role_created_at_idx', ['role', 'createdAt', 'id'])
// (last_sign_in_at ASC NULLS FIRST, id) and (role, last_sign_in_at ASC NULLS FIRST, id)
@Index('users_last_sign_in_at_idx', { synchronize: false })
@Index('users_role_last_sign_in_at_idx', { synchronize: false })
// GIN (search_prefixes)
@Index('users_search_prefixes_idx', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320, unique: true })
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
}
