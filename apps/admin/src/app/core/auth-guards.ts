import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import type { Role } from '@vip/shared-dto';
import { AuthStore } from './auth-store';
import { landingPath } from './landing';

/** Signed-in people only; everyone else goes to the sign-in page. */
export const authGuard: CanActivateFn = () =>
  inject(AuthStore).signedIn() || inject(Router).parseUrl('/login');

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
