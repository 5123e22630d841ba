import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { DefaultRole, SignUpPolicy } from '@vip/shared-dto';

/** The one row of `settings`. Never leaves the API: the repository maps it to `Settings`. */
@Entity({ name: 'settings' })
@Check('settings_single_row_check', `id`)
@Check('settings_sign_up_policy_check', `sign_up_policy IN ('open', 'approval', 'invitation')`)
@Check('settings_default_role_check', `default_role IN ('coordinator', 'driver')`)
export class SettingsEntity {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'settings_pkey' })
  id!: boolean;

  @Column({ name: 'sign_up_policy', type: 'varchar', length: 20, default: 'open' })
  signUpPolicy!: SignUpPolicy;

  @Column({ name: 'default_role', type: 'varchar', length: 20, default: 'coordinator' })
  defaultRole!: DefaultRole;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
