import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import type { Role } from '@vip/shared-dto';
import { UserStatus } from '@vip/shared-dto';
import { AuthStore } from './auth-store';
import { landingPath } from './landing';

/**
 * Signed-in people only; everyone else goes to the sign-in page, and people still waiting
 * for approval to the page that says so (the API refuses them everything else anyway).
 */
export const authGuard: CanActivateFn = () => {
  const user = inject(AuthStore).user();
  if (!user) return inject(Router).parseUrl('/login');
  return (
    user.status !== UserStatus.Pending || inject(Router).parseUrl('/waiting')
  );
};

/** The waiting page is for people waiting for approval; others go where they start. */
export const pendingGuard: CanActivateFn = () =>
  inject(AuthStore).user()?.status === UserStatus.Pending ||
  inject(Router).parseUrl(landingPath());

/** People holding one of `roles` only; everyone else sees the 403 page. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return () => {
    const user = inject(AuthStore).user();
    return (
      (user !== null && roles.includes(user.role)) ||
      inject(Router).parseUrl('/forbidden')
    );
  };
}

/** The sign-in page is for signed-out people; signed-in ones go where they start. */
export const signedOutGuard: CanActivateFn = () =>
  !inject(AuthStore).signedIn() || inject(Router).parseUrl(landingPath());
