import type { Route } from '@angular/router';
import { Role } from '@vip/shared-dto';
import { authGuard, roleGuard, signedOutGuard } from './core/auth-guards';
import { landingPath } from './core/landing';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · VIP Coordinator',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => landingPath() },
      {
        path: 'dashboard',
        title: 'Dashboard · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
      {
        path: 'audit',
        title: 'Audit trail · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./audit/audit-page').then((m) => m.AuditPage),
      },
      {
        path: 'users',
        title: 'People · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'account',
        title: 'My account · VIP Coordinator',
        canActivate: [authGuard],
        loadComponent: () =>
          import('./account/account-page').then((m) => m.AccountPage),
      },
      {
        path: 'forbidden',
        title: 'Not allowed · VIP Coordinator',
        loadComponent: () =>
          import('./errors/forbidden-page').then((m) => m.ForbiddenPage),
      },
      {
        path: '**',
        title: 'Page not found · VIP Coordinator',
        loadComponent: () =>
          import('./errors/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
