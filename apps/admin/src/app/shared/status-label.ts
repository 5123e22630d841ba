import type { UserStatus } from '@vip/shared-dto';

export const STATUS_LABELS: Readonly<Record<UserStatus, string>> = {
  active: 'Active',
  pending: 'Waiting for approval',
  disabled: 'Disabled',
};
