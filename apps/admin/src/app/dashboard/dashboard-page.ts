import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import {
  MatCard,
  MatCardContent,
  MatCardHeader,
  MatCardTitle,
} from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { errorMessage } from '../core/notifier';
import { LoadState } from '../shared/list/load-state';
import { RelativeTimePipe } from '../shared/relative-time-pipe';
import { ROLE_LABELS } from '../shared/role-label';
import { UsersApi } from '../users/users-api';
import type { Bar } from './bar-chart';
import { BarChart } from './bar-chart';

/** Administrators' landing page: who is here, who signs in, who has gone quiet. */
@Component({
  selector: 'vip-dashboard-page',
  imports: [
    DatePipe,
    RouterLink,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    RelativeTimePipe,
    BarChart,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  protected readonly stats = inject(UsersApi).stats();

  protected readonly loadError = computed(() => {
    const error = this.stats.error();
    return error ? errorMessage(error) : null;
  });
  protected readonly value = computed(() =>
    this.stats.hasValue() ? this.stats.value() : undefined,
  );

  protected readonly roles = computed(() => {
    const roles = this.value()?.roles ?? [];
    const total = roles.reduce((sum, role) => sum + role.count, 0);
    return roles.map((role) => ({
      label: ROLE_LABELS[role.role],
      count: role.count,
      percent: total ? Math.round((role.count / total) * 100) : 0,
    }));
  });

  protected readonly signIns = computed<Bar[]>(() =>
    (this.value()?.signInsPerDay ?? []).map((day, i, all) => ({
      label: day.date,
      value: day.count,
      // Every 7th day, counted back from today, keeps the axis readable.
      tick: (all.length - 1 - i) % 7 === 0 ? day.date.slice(5) : '',
    })),
  );

  protected readonly newAccounts = computed<Bar[]>(() =>
    (this.value()?.newAccountsPerWeek ?? []).map((week, i, all) => ({
      label: `Week of ${week.weekStart}`,
      value: week.count,
      tick: (all.length - 1 - i) % 2 === 0 ? week.weekStart.slice(5) : '',
    })),
  );

  protected retry(): void {
    this.stats.reload();
  }
}
