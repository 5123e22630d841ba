import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { ParamMap } from '@angular/router';
import type { User, UserListQuery } from '@vip/shared-dto';
import { isRole, USER_SORT_FIELDS, USER_STATUSES } from '@vip/shared-dto';
import { sortParam } from '../shared/list/list-params';
import { pagedList } from '../shared/list/paged-list';
import { UsersApi } from './users-api';
import { UsersFilters } from './users-filters';
import { UsersTable } from './users-table';

/** The people list's filters, read from the URL. */
function usersFilters(params: ParamMap): UserListQuery {
  const role = params.get('role');
  return {
    search: params.get('search')?.trim() || undefined,
    role: isRole(role) ? role : undefined,
    status: USER_STATUSES.find((s) => s === params.get('status')),
    sort: sortParam(params, USER_SORT_FIELDS),
  };
}

/**
 * Administrators manage people here. The URL's query parameters (named as the API names
 * them) are the single source of truth for page, size, search, role and status filters and sort.
 */
@Component({
  selector: 'vip-users-page',
  imports: [UsersFilters, UsersTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>People</h1>
    <vip-users-filters
      [search]="list.query().search ?? ''"
      [role]="list.query().role"
      (searchChange)="list.filter({ search: $event })"
      [status]="list.query().status"
      (roleChange)="list.filter({ role: $event })"
      (statusChange)="list.filter({ status: $event })"
    />
    <vip-users-table [list]="list" />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  protected readonly list = pagedList<User, UserListQuery>({
    filters: usersFilters,
    load: (query) => this.api.list(query),
  });
}
