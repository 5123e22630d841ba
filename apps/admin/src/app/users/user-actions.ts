import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import type { User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import { filter } from 'rxjs';
import { AuthStore } from '../core/auth-store';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import type { PagedList } from '../shared/list/paged-list';
import { firstName, ROLE_LABELS } from '../shared/role-label';
import type { ConfirmDeleteData } from './confirm-delete-dialog';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import type { UserActivityData } from './user-activity-dialog';
import { UserActivityDialog } from './user-activity-dialog';
import { UsersApi } from './users-api';

/** Why the server refused a change to a person; a 409 is always the last-administrator rule. */
function refusal(error: unknown): string {
  return errorStatus(error) === 409
    ? 'at least one administrator must remain.'
    : errorMessage(error);
}

const DIALOG_SIZE = { maxWidth: 'calc(100vw - 32px)' };

/** What an administrator does to a person on the list, and what they are told. */
@Injectable()
export class UserActions {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  /** Optimistic: the row shows the new role at once and goes back if the server refuses. */
  changeRole(list: PagedList<User, object>, user: User, role: Role): void {
    const previous = user.role;
    if (role === previous) return;
    list.patch(user.id, { role });
    this.api.updateRole(user.email, role).subscribe({
      next: (updated) => {
        list.patch(user.id, updated);
        this.notifier.info(
          `${user.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`,
        );
        if (updated.id === this.auth.user()?.id) this.afterOwnChange(updated);
      },
      error: (error: unknown) => {
        list.patch(user.id, { role: previous });
        this.notifier.error(
          `Cannot change ${firstName(user)}'s role: ${refusal(error)}`,
        );
      },
    });
  }

  /** Deletes the person once the dialog naming them is confirmed. */
  confirmDelete(list: PagedList<User, object>, user: User): void {
    this.dialog
      .open<ConfirmDeleteDialog, ConfirmDeleteData, boolean>(
        ConfirmDeleteDialog,
        {
          data: { name: user.name, email: user.email },
          width: '440px',
          ...DIALOG_SIZE,
        },
      )
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => this.delete(list, user));
  }

  /** Opens the person's details with their timeline. */
  showActivity(user: User): void {
    this.dialog.open<UserActivityDialog, UserActivityData>(UserActivityDialog, {
      data: user,
      width: '640px',
      autoFocus: 'dialog',
      ...DIALOG_SIZE,
    });
  }

  private delete(list: PagedList<User, object>, user: User): void {
    this.api.delete(user.email).subscribe({
      next: () => {
        this.notifier.info(`${user.name} was deleted.`);
        if (user.id === this.auth.user()?.id) this.auth.endSession();
        else list.removed();
      },
      error: (error: unknown) =>
        this.notifier.error(`Cannot delete ${user.name}: ${refusal(error)}`),
    });
  }

  /** The administrator changed their own role: the session and perhaps the page change too. */
  private afterOwnChange(updated: User): void {
    this.auth.updateUser(updated);
    if (updated.role !== Role.Administrator)
      void this.router.navigateByUrl('/account');
  }
}
