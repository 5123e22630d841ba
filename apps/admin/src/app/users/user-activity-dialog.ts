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
  template: `
    <h2 mat-dialog-title>{{ data.name }}</h2>
    <mat-dialog-content>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{{ data.email }}</dd>
        <dt>Role</dt>
        <dd>{{ roleLabels[data.role] }}</dd>
        <dt>Created</dt>
        <dd>{{ data.createdAt | date: 'medium' }}</dd>
        <dt>Last sign-in</dt>
        <dd>
          {{
            data.lastSignInAt ? (data.lastSignInAt | date: 'medium') : 'never'
          }}
        </dd>
      </dl>
      <h3>Activity</h3>
      @if (page(); as timeline) {
        @if (timeline.items.length) {
          <ol class="timeline" aria-label="Activity">
            @for (event of timeline.items; track event.id) {
              <li>
                <time [attr.datetime]="event.occurredAt">{{
                  event.occurredAt | date: 'medium'
                }}</time>
                <span class="action">{{ actionLabels[event.action] }}</span>
                <span class="detail">
                  {{ describe(event) }}
                  @if (event.actorEmail && event.actorEmail !== data.email) {
                    by {{ event.actorEmail }}
                  } @else if (
                    event.targetEmail && event.targetEmail !== data.email
                  ) {
                    ({{ event.targetEmail }})
                  }
                </span>
              </li>
            }
          </ol>
          @if (timeline.total > pageSize) {
            <mat-paginator
              [length]="timeline.total"
              [pageIndex]="pageNumber() - 1"
              [pageSize]="pageSize"
              [hidePageSize]="true"
              (page)="onPage($event)"
            />
          }
        }
      }
      @if (!page()?.items?.length) {
        <vip-load-state
          [error]="loadError()"
          failed="The activity could not be loaded."
          [loading]="timeline.isLoading()"
          loadingText="Loading activity…"
          empty="No recorded activity."
          (retry)="timeline.reload()"
        />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 8px;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .timeline li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .timeline time {
      color: var(--mat-sys-on-surface-variant);
      min-width: 170px;
    }
    .action {
      font-weight: 500;
    }
  `,
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
