import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import type { Role, UserStatus } from '@vip/shared-dto';
import { ROLES, USER_STATUSES } from '@vip/shared-dto';
import { ROLE_LABELS } from '../shared/role-label';
import { SearchBox } from '../shared/search-box';
import { STATUS_LABELS } from '../shared/status-label';

/** Search, role and status filters of the people list; the search applies 300 ms after typing stops. */
@Component({
  selector: 'vip-users-filters',
  imports: [MatFormField, MatLabel, MatSelect, MatOption, SearchBox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-filters.html',
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 16px;
    }
    .search {
      flex: 1 1 260px;
      max-width: 420px;
    }
    .role-filter,
    .status-filter {
      flex: 0 1 200px;
    }
  `,
})
export class UsersFilters {
  /** The search in force (the URL's). */
  readonly search = input('');
  readonly role = input<Role>();
  readonly searchChange = output<string>();
  readonly roleChange = output<Role | ''>();
  readonly status = input<UserStatus>();
  readonly statusChange = output<UserStatus | ''>();

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statuses = USER_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
}
