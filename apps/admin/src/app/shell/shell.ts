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
import { ROLE_LABELS } from '../shared/role-label';
import { UserAvatar } from '../shared/user-avatar';

interface NavLink {
  path: string;
  label: string;
  icon: string;
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

  protected readonly user = this.auth.user;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.Handset)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly links = computed<NavLink[]>(() => {
    if (!this.user()) return [];
    const links: NavLink[] = [];
    if (this.auth.isAdministrator())
      links.push(
        { path: '/dashboard', label: 'Dashboard', icon: 'insights' },
        { path: '/users', label: 'People', icon: 'group' },
        { path: '/audit', label: 'Audit trail', icon: 'history' },
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
