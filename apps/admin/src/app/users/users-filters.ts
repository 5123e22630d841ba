import type { OnInit } from '@angular/core';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  MatFormField,
  MatLabel,
  MatPrefix,
} from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import type { Role, UserStatus } from '@vip/shared-dto';
import { ROLES, USER_STATUSES } from '@vip/shared-dto';
import { debounceTime, filter, map, Subject } from 'rxjs';
import { ROLE_LABELS } from '../shared/role-label';
import { STATUS_LABELS } from '../shared/status-label';

/** Search, role and status filters of the people list; the search applies 300 ms after typing stops. */
@Component({
  selector: 'vip-users-filters',
  imports: [
    MatFormField,
    MatLabel,
    MatPrefix,
    MatIcon,
    MatInput,
    MatSelect,
    MatOption,
  ],
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
export class UsersFilters implements OnInit {
  /** The search in force (the URL's). */
  readonly search = input('');
  readonly role = input<Role>();
  readonly searchChange = output<string>();
  readonly roleChange = output<Role | ''>();
  readonly status = input<UserStatus>();
  readonly statusChange = output<UserStatus | ''>();

  /** What the box shows: the search in force, unless it is being typed. */
  protected readonly text = linkedSignal<string, string>({
    source: () => this.search(),
    computation: (search, previous) =>
      previous && previous.value.trim() === search ? previous.value : search,
  });
  private readonly typed = new Subject<string>();
  private readonly destroyRef = inject(DestroyRef);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statuses = USER_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;

  ngOnInit(): void {
    this.typed
      .pipe(
        debounceTime(300),
        map((text) => text.trim()),
        filter((text) => text !== this.search()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((text) => this.searchChange.emit(text));
  }

  protected onInput(text: string): void {
    this.text.set(text);
    this.typed.next(text);
  }
}
