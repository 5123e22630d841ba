import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { ParamMap } from '@angular/router';
import type { Role, Settings, User, UserListQuery } from '@vip/shared-dto';
import {
  DEFAULT_SETTINGS,
  ROLES,
  USER_SORT_FIELDS,
  UserStatus,
} from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { confirmed } from '../shared/confirm-dialog';
import { sortParam } from '../shared/list/list-params';
import { pagedList } from '../shared/list/paged-list';
import { PagedTable } from '../shared/list/paged-table';
import { ROLE_LABELS } from '../shared/role-label';
import { UsersApi } from '../users/users-api';
import { PendingCount } from './pending-count';
import { TimeAgo } from '../shared/time-ago';

function requestsFilters(params: ParamMap): UserListQuery {
  return {
    status: UserStatus.Pending,
    sort: sortParam(params, USER_SORT_FIELDS) ?? 'createdAt',
  };
}

/** People who signed in under the `approval` policy and wait; administrators let them in. */
@Component({
  selector: 'vip-requests-page',
  imports: [
    TimeAgo,
    MatButton,
    MatFormField,
    MatOption,
    MatSelect,
    MatSortHeader,
    MatTableModule,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './requests-page.html',
  styleUrl: './requests-page.scss',
})
export class RequestsPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly pending = inject(PendingCount);

  protected readonly list = pagedList<User, UserListQuery>({
    filters: requestsFilters,
    load: (query) => this.api.list(query),
  });
  protected readonly columns = ['name', 'email', 'createdAt', 'decision'];
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  /** New accounts' role in the settings: what an approval gives unless another is chosen. */
  private readonly settings = httpResource<Settings>(() => '/api/settings');
  /** The role each person will get, by id, where the administrator chose one. */
  protected readonly chosen = signal<Readonly<Record<string, Role>>>({});
  /** Ids with a decision on its way, whose buttons wait. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  protected roleOf(user: User): Role {
    const fallback = this.settings.hasValue()
      ? this.settings.value().defaultRole
      : DEFAULT_SETTINGS.defaultRole;
    return this.chosen()[user.id] ?? fallback;
  }

  protected choose(user: User, role: Role): void {
    this.chosen.update((chosen) => ({ ...chosen, [user.id]: role }));
  }

  protected approve(user: User): void {
    const role = this.roleOf(user);
    this.decide(user, this.api.approve(user.email, role), () =>
      this.notifier.info(
        `${user.name} was approved as ${ROLE_LABELS[role].toLowerCase()}.`,
      ),
    );
  }

  protected reject(user: User): void {
    confirmed(this.dialog, {
      title: `Reject ${user.name}?`,
      body: [
        `${user.name} (${user.email}) is removed and signed out. They can ask again by signing in.`,
      ],
      action: 'Reject',
      danger: true,
    }).subscribe(() =>
      this.decide(user, this.api.reject(user.email), () =>
        this.notifier.info(`${user.name} was rejected.`),
      ),
    );
  }

  private decide(
    user: User,
    decision: Observable<unknown>,
    done: () => void,
  ): void {
    this.busy.update((ids) => new Set(ids).add(user.id));
    decision.subscribe({
      next: () => {
        done();
        this.settle(user);
      },
      error: (error: unknown) => {
        this.notifier.error(
          errorStatus(error) === 409
            ? `${user.name} no longer waits: another administrator decided first.`
            : `Cannot decide on ${user.name}: ${errorMessage(error)}`,
        );
        this.settle(user);
      },
    });
  }

  private settle(user: User): void {
    this.busy.update((ids) => {
      const next = new Set(ids);
      next.delete(user.id);
      return next;
    });
    this.list.removed();
    this.pending.reload();
  }
}
