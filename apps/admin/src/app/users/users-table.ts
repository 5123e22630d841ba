import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import {
  MatMenu,
  MatMenuContent,
  MatMenuItem,
  MatMenuTrigger,
} from '@angular/material/menu';
import { MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { User, UserListQuery } from '@vip/shared-dto';
import { ROLES } from '@vip/shared-dto';
import { map } from 'rxjs';
import { AuthStore } from '../core/auth-store';
import type { PagedList } from '../shared/list/paged-list';
import { PagedTable } from '../shared/list/paged-table';
import { ROLE_LABELS } from '../shared/role-label';
import { STATUS_LABELS } from '../shared/status-label';
import { UserAvatar } from '../shared/user-avatar';
import { RoleSelect } from './role-select';
import { UserActions } from './user-actions';
import { TimeAgo } from '../shared/time-ago';

const ALL_COLUMNS = [
  'avatar',
  'name',
  'email',
  'role',
  'status',
  'createdAt',
  'lastSignInAt',
  'actions',
] as const;
// Phones: the email goes under the name, so the role stays in view without scrolling.
const HANDSET_COLUMNS = ['name', 'role', 'status', 'actions'] as const;

/** The people of a list, with what an administrator can do to each. */
@Component({
  selector: 'vip-users-table',
  imports: [
    TimeAgo,
    MatTableModule,
    MatSortHeader,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    PagedTable,
    RoleSelect,
    UserAvatar,
  ],
  providers: [UserActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-table.html',
  styleUrl: './users-table.scss',
})
export class UsersTable {
  readonly list = input.required<PagedList<User, UserListQuery>>();

  protected readonly actions = inject(UserActions);
  protected readonly me = inject(AuthStore).user;
  protected readonly roleList = ROLES;
  protected readonly roleLabels = ROLE_LABELS;

  protected statusLabel(user: User): string {
    return STATUS_LABELS[user.status];
  }
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.Handset)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.isHandset() ? HANDSET_COLUMNS : ALL_COLUMNS,
  );

  protected readonly emptyMessage = computed(() => {
    const { search, role, status } = this.list().query();
    const quoted = search ? `“${search}”` : '';
    if (status && !search && !role)
      return `No people are ${STATUS_LABELS[status].toLowerCase()}.`;
    if (search && role)
      return `No people match ${quoted} with the role ${ROLE_LABELS[role]}.`;
    if (search) return `No people match ${quoted}.`;
    if (role) return `No people have the role ${ROLE_LABELS[role]}.`;
    return 'No people yet.';
  });
}
