import type { Route } from '@angular/router';
import { Role } from '@vip/shared-dto';
import {
  authGuard,
  pendingGuard,
  roleGuard,
  signedOutGuard,
} from './core/auth-guards';
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
        path: 'requests',
        title: 'Access requests · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./requests/requests-page').then((m) => m.RequestsPage),
      },
      {
        path: 'invitations',
        title: 'Invitations · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./invitations/invitations-page').then(
            (m) => m.InvitationsPage,
          ),
      },
      {
        path: 'integrations',
        title: 'Integrations · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./integrations/integrations-page').then(
            (m) => m.IntegrationsPage,
          ),
      },
      {
        path: 'settings',
        title: 'Settings · VIP Coordinator',
        canActivate: [authGuard, roleGuard(Role.Administrator)],
        loadComponent: () =>
          import('./settings/settings-page').then((m) => m.SettingsPage),
      },
      {
        path: 'waiting',
        title: 'Waiting for approval · VIP Coordinator',
        canActivate: [pendingGuard],
        loadComponent: () =>
          import('./waiting/waiting-page').then((m) => m.WaitingPage),
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
