import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import {
  MatSidenav,
  MatSidenavContainer,
  MatSidenavContent,
} from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthStore } from '../core/auth-store';
import { UserStatus } from '@vip/shared-dto';
import { PendingCount } from '../requests/pending-count';
import { ROLE_LABELS } from '../shared/role-label';
import { UserAvatar } from '../shared/user-avatar';

interface NavLink {
  path: string;
  label: string;
  icon: string;
  /** A number to show beside the label, when not zero. */
  badge?: number;
}

/**
 * Toolbar, navigation and the page area every page but sign-in lives in. Loaded lazily,
 * alongside the first page, so the sign-in page never downloads the sidenav.
 */
@Component({
  selector: 'vip-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatSidenavContainer,
    MatSidenav,
    MatSidenavContent,
    MatIcon,
    MatButton,
    MatIconButton,
    UserAvatar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly sidenav = viewChild(MatSidenav);
  private readonly pending = inject(PendingCount);

  protected readonly user = this.auth.user;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.Handset)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly links = computed<NavLink[]>(() => {
    const user = this.user();
    if (!user) return [];
    // Someone waiting for approval has nowhere to go yet.
    if (user.status === UserStatus.Pending) return [];
    const links: NavLink[] = [];
    if (this.auth.isAdministrator())
      links.push(
        { path: '/dashboard', label: 'Dashboard', icon: 'insights' },
        { path: '/users', label: 'People', icon: 'group' },
        {
          path: '/requests',
          label: 'Access requests',
          icon: 'how_to_reg',
          badge: this.pending.count(),
        },
        { path: '/invitations', label: 'Invitations', icon: 'mail' },
        { path: '/audit', label: 'Audit trail', icon: 'history' },
        { path: '/integrations', label: 'Integrations', icon: 'hub' },
        { path: '/settings', label: 'Settings', icon: 'settings' },
      );
    links.push({
      path: '/account',
      label: 'My account',
      icon: 'account_circle',
    });
    return links;
  });

  protected closeOnHandset(): void {
    if (this.isHandset()) void this.sidenav()?.close();
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
