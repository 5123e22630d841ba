import { inject } from '@angular/core';
import { Role } from '@vip/shared-dto';
import { AuthStore } from './auth-store';

/** Where a person starts: administrators see the dashboard, everyone else their account. */
export function landingPath(): string {
  const user = inject(AuthStore).user();
  if (!user) return '/login';
  return user.role === Role.Administrator ? '/dashboard' : '/account';
}
