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
import { ROLE_LABELS } from '../shared/role-label';

export type UserActivityData = Pick<
  User,
  'name' | 'email' | 'role' | 'createdAt' | 'lastSignInAt'
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
  protected readonly timeline = inject(UsersApi).activity(
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
  protected readonly describe = describeEvent;

  protected onPage(event: PageEvent): void {
    this.pageNumber.set(event.pageIndex + 1);
  }
}
