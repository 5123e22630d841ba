import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role, UserStatus } from '@vip/shared-dto';

/**
 * A row of `user_counts`: how many people hold each role with each status, kept exact in the same
 * transaction by statement triggers on `users` (declared in the migration; TypeORM has
 * no decorator for triggers), so list totals never count a million rows.
 */
@Entity({ name: 'user_counts' })
export class UserCountEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'user_counts_pkey' })
  role!: Role;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'user_counts_pkey' })
  status!: UserStatus;

  @Column({ type: 'bigint' })
  count!: string;
}
