import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import type { OnInit } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import {
  MatFormField,
  MatLabel,
  MatPrefix,
} from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { PageEvent } from '@angular/material/paginator';
import { MatPaginator } from '@angular/material/paginator';
import { MatOption, MatSelect } from '@angular/material/select';
import type { Sort } from '@angular/material/sort';
import { MatSort, MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import type { Params } from '@angular/router';
import { ActivatedRoute, Router } from '@angular/router';
import type {
  Page,
  User,
  UserListQuery,
  UserSort,
  UserSortField,
} from '@vip/shared-dto';
import {
  DEFAULT_PAGE_SIZE,
  isRole,
  MAX_PAGE_SIZE,
  Role,
  ROLES,
  USER_SORT_FIELDS,
} from '@vip/shared-dto';
import { debounceTime, distinctUntilChanged, filter, map, Subject } from 'rxjs';
import { AuthStore } from '../core/auth-store';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { RelativeTimePipe } from '../shared/relative-time-pipe';
import { firstName, ROLE_LABELS } from '../shared/role-label';
import { UserAvatar } from '../shared/user-avatar';
import type { ConfirmDeleteData } from './confirm-delete-dialog';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import type { UserActivityData } from './user-activity-dialog';
import { UserActivityDialog } from './user-activity-dialog';
import { UsersApi } from './users-api';

export const PAGE_SIZES = [10, 25, 50, 100];
const ALL_COLUMNS = [
  'avatar',
  'name',
  'email',
  'role',
  'createdAt',
  'lastSignInAt',
  'actions',
] as const;
// Phones: the email goes under the name, so the role stays in view without scrolling.
const HANDSET_COLUMNS = ['name', 'role', 'actions'] as const;

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

function parseSort(value: string | undefined): UserSort | undefined {
  const field = value?.startsWith('-') ? value.slice(1) : value;
  return field && (USER_SORT_FIELDS as readonly string[]).includes(field)
    ? (value as UserSort)
    : undefined;
}

/**
 * Administrators manage people here. The URL's query parameters (named as the API names
 * them) are the single source of truth for page, size, search, role filter and sort.
 */
@Component({
  selector: 'vip-users-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatSort,
    MatSortHeader,
    MatPaginator,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatInput,
    MatSelect,
    MatOption,
    MatIcon,
    MatButton,
    MatIconButton,
    MatTooltip,
    RelativeTimePipe,
    UserAvatar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
})
export class UsersPage implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  // Query parameters, bound by the router.
  readonly page = input<string>();
  readonly pageSize = input<string>();
  readonly search = input<string>();
  readonly role = input<string>();
  readonly sort = input<string>();

  protected readonly query = computed(() => {
    const role = this.role();
    return {
      page: positiveInt(this.page(), 1),
      pageSize: Math.min(
        positiveInt(this.pageSize(), DEFAULT_PAGE_SIZE),
        MAX_PAGE_SIZE,
      ),
      search: this.search()?.trim() || undefined,
      role: isRole(role) ? role : undefined,
      sort: parseSort(this.sort()),
    } satisfies UserListQuery;
  });

  protected readonly users = this.api.list(this.query);

  /** The rows to show: the last answer stays on screen while the next page loads. */
  protected readonly result = linkedSignal<
    Page<User> | undefined,
    Page<User> | undefined
  >({
    source: () => (this.users.hasValue() ? this.users.value() : undefined),
    computation: (current, previous) =>
      current ??
      (this.users.status() === 'loading' ? previous?.value : undefined),
  });
  protected readonly rows = computed(() => this.result()?.items ?? []);
  protected readonly loadError = computed(() => {
    const error = this.users.error();
    return error && !this.result() ? errorMessage(error) : null;
  });

  protected readonly sortActive = computed(
    () => this.query().sort?.replace(/^-/, '') ?? '',
  );
  protected readonly sortDirection = computed(() => {
    const sort = this.query().sort;
    return sort ? (sort.startsWith('-') ? 'desc' : 'asc') : '';
  });

  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.Handset)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.isHandset() ? HANDSET_COLUMNS : ALL_COLUMNS,
  );

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly me = this.auth.user;

  protected readonly searchText = signal(
    this.route.snapshot.queryParamMap.get('search') ?? '',
  );
  private readonly searchChanges = new Subject<string>();

  protected readonly emptyMessage = computed(() => {
    const { search, role } = this.query();
    const quoted = search ? `“${search}”` : '';
    if (search && role)
      return `No people match ${quoted} with the role ${ROLE_LABELS[role]}.`;
    if (search) return `No people match ${quoted}.`;
    if (role) return `No people have the role ${ROLE_LABELS[role]}.`;
    return 'No people yet.';
  });

  ngOnInit(): void {
    this.searchChanges
      .pipe(
        debounceTime(300),
        map((text) => text.trim()),
        filter((text) => text !== (this.query().search ?? '')),
        distinctUntilChanged(),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((text) => this.navigate({ search: text || null, page: null }));
  }

  protected onSearchInput(text: string): void {
    this.searchText.set(text);
    this.searchChanges.next(text);
  }

  protected onRoleFilter(role: string): void {
    this.navigate({ role: role || null, page: null });
  }

  protected onSort(sort: Sort): void {
    const field = sort.active as UserSortField;
    const value =
      sort.direction === 'asc'
        ? field
        : sort.direction === 'desc'
          ? `-${field}`
          : null;
    this.navigate({ sort: value, page: null });
  }

  protected onPage(event: PageEvent): void {
    this.navigate({
      page: event.pageIndex > 0 ? event.pageIndex + 1 : null,
      pageSize: event.pageSize !== DEFAULT_PAGE_SIZE ? event.pageSize : null,
    });
  }

  protected retry(): void {
    this.users.reload();
  }

  /** Optimistic: the row shows the new role at once and goes back if the server refuses. */
  protected changeRole(user: User, role: Role): void {
    const previous = user.role;
    if (role === previous) return;
    this.patchRow(user.id, { role });
    this.api.updateRole(user.email, role).subscribe({
      next: (updated) => {
        this.patchRow(user.id, updated);
        this.notifier.info(
          `${user.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`,
        );
        if (updated.id === this.me()?.id) this.afterOwnChange(updated);
      },
      error: (error: unknown) => {
        this.patchRow(user.id, { role: previous });
        const reason =
          errorStatus(error) === 409
            ? 'at least one administrator must remain.'
            : errorMessage(error);
        this.notifier.error(
          `Cannot change ${firstName(user)}'s role: ${reason}`,
        );
      },
    });
  }

  protected confirmDelete(user: User): void {
    this.dialog
      .open<ConfirmDeleteDialog, ConfirmDeleteData, boolean>(
        ConfirmDeleteDialog,
        {
          data: { name: user.name, email: user.email },
          maxWidth: 'calc(100vw - 32px)',
          width: '440px',
        },
      )
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => this.delete(user));
  }

  /** Opens the person's details with their timeline. */
  protected showActivity(user: User): void {
    this.dialog.open<UserActivityDialog, UserActivityData>(UserActivityDialog, {
      data: user,
      maxWidth: 'calc(100vw - 32px)',
      width: '640px',
      autoFocus: 'dialog',
    });
  }

  private delete(user: User): void {
    this.api.delete(user.email).subscribe({
      next: () => {
        this.notifier.info(`${user.name} was deleted.`);
        if (user.id === this.me()?.id) {
          this.auth.endSession();
          return;
        }
        const { page } = this.query();
        // Deleting the last person on a later page would leave an empty page behind.
        if (this.rows().length === 1 && page > 1)
          this.navigate({ page: page - 1 > 1 ? page - 1 : null });
        else this.users.reload();
      },
      error: (error: unknown) => {
        const reason =
          errorStatus(error) === 409
            ? 'at least one administrator must remain.'
            : errorMessage(error);
        this.notifier.error(`Cannot delete ${user.name}: ${reason}`);
      },
    });
  }

  /** The administrator changed their own role: the session and perhaps this page change too. */
  private afterOwnChange(updated: User): void {
    this.auth.updateUser(updated);
    if (updated.role !== Role.Administrator)
      void this.router.navigateByUrl('/account');
  }

  private patchRow(id: string, changes: Partial<User>): void {
    this.result.update(
      (page) =>
        page && {
          ...page,
          items: page.items.map((row) =>
            row.id === id ? { ...row, ...changes } : row,
          ),
        },
    );
  }

  private navigate(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: changes,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected readonly trackById = (_: number, user: User) => user.id;
}
