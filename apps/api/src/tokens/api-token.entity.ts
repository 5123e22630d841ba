import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiTokenScope } from '@vip/shared-dto';
import { UserEntity } from '../users/user.entity';

/** A row of `api_tokens`. The secret is stored only as its SHA-256 hash; `prefix` is its first 12 characters. */
@Entity({ name: 'api_tokens' })
@Check(
  'api_tokens_scopes_check',
  `cardinality(scopes) > 0 AND scopes <@ ARRAY['users:read', 'users:write', 'audit:read']::text[]`,
)
@Index('api_tokens_token_hash_idx', ['tokenHash'], { unique: true })
@Index('api_tokens_created_at_idx', ['createdAt', 'id'])
@Index('api_tokens_created_by_idx', ['createdBy'])
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_tokens_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  prefix!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: ApiTokenScope[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey(() => UserEntity, { name: 'api_tokens_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
