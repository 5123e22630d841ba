import { inject } from '@angular/core';
import { Role, UserStatus } from '@vip/shared-dto';
import { AuthStore } from './auth-store';

/**
 * Where a person starts: administrators see the dashboard, people waiting for approval the
 * page that says so, everyone else their account.
 */
export function landingPath(): string {
  const user = inject(AuthStore).user();
  if (!user) return '/login';
  if (user.status === UserStatus.Pending) return '/waiting';
  return user.role === Role.Administrator ? '/dashboard' : '/account';
}
