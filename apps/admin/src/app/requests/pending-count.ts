import { httpResource } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { Page, User } from '@vip/shared-dto';
import { UserStatus } from '@vip/shared-dto';
import { filter } from 'rxjs';
import { AuthStore } from '../core/auth-store';

/**
 * How many people wait for approval, for the navigation's badge. Asked for administrators
 * only, again on every navigation and after each approval or rejection.
 */
@Injectable({ providedIn: 'root' })
export class PendingCount {
  private readonly auth = inject(AuthStore);
  private readonly resource = httpResource<Page<User>>(() =>
    this.auth.isAdministrator()
      ? {
          url: '/api/auth/users',
          params: { status: UserStatus.Pending, pageSize: 1 },
        }
      : undefined,
  );

  readonly count = computed(() =>
    this.auth.isAdministrator() && this.resource.hasValue()
      ? (this.resource.value()?.total ?? 0)
      : 0,
  );

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.reload());
  }

  reload(): void {
    if (this.auth.isAdministrator()) this.resource.reload();
  }
}
