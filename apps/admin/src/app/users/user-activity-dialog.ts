import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import type { PageEvent } from '@angular/material/paginator';
import { MatPaginator } from '@angular/material/paginator';
import type { User } from '@vip/shared-dto';
import { UsersApi } from './users-api';
import { AUDIT_ACTION_LABELS, describeEvent } from '../audit/audit-labels';
import { errorMessage } from '../core/notifier';
import { LoadState } from '../shared/list/load-state';
import { describeBrowser } from '../account/sessions-api';
import { ROLE_LABELS } from '../shared/role-label';
import { STATUS_LABELS } from '../shared/status-label';

export type UserActivityData = Pick<
  User,
  'name' | 'email' | 'role' | 'createdAt' | 'lastSignInAt' | 'status'
>;

const TIMELINE_PAGE_SIZE = 10;

/** A person's details and timeline: what they did, and what was done to them. */
@Component({
  selector: 'vip-user-activity-dialog',
  imports: [
    DatePipe,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatPaginator,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-activity-dialog.html',
  styleUrl: './user-activity-dialog.scss',
})
export class UserActivityDialog {
  protected readonly data = inject<UserActivityData>(MAT_DIALOG_DATA);
  protected readonly pageSize = TIMELINE_PAGE_SIZE;
  protected readonly pageNumber = signal(1);
  private readonly api = inject(UsersApi);
  /** Where the person is signed in now: their live sessions. */
  protected readonly sessions = this.api.sessions(() => this.data.email);
  protected readonly devices = computed(() => {
    if (this.sessions.error()) return 'could not be loaded';
    if (!this.sessions.hasValue()) return '…';
    const sessions = this.sessions.value();
    if (!sessions.length) return 'nowhere';
    return sessions.map((s) => describeBrowser(s.userAgent)).join(', ');
  });
  protected readonly timeline = this.api.activity(
    () => this.data.email,
    () => ({ page: this.pageNumber(), pageSize: TIMELINE_PAGE_SIZE }),
  );
  protected readonly page = computed(() =>
    this.timeline.hasValue() ? this.timeline.value() : undefined,
  );
  protected readonly loadError = computed(() => {
    const error = this.timeline.error();
    return error ? errorMessage(error) : null;
  });
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly describe = describeEvent;

  protected onPage(event: PageEvent): void {
    this.pageNumber.set(event.pageIndex + 1);
  }
}
