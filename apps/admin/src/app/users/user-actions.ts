import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import type { User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { AuthStore } from '../core/auth-store';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { confirmed, DIALOG_SIZE } from '../shared/confirm-dialog';
import type { PagedList } from '../shared/list/paged-list';
import { firstName, ROLE_LABELS } from '../shared/role-label';
import type { UserActivityData } from './user-activity-dialog';
import { UserActivityDialog } from './user-activity-dialog';
import { UsersApi } from './users-api';

/** Why the server refused a change to a person; a 409 is the last-administrator rule. */
function refusal(error: unknown, conflict: string): string {
  return errorStatus(error) === 409 ? conflict : errorMessage(error);
}
const LAST_ADMINISTRATOR = 'at least one administrator must remain.';

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
          `Cannot change ${firstName(user)}'s role: ${refusal(error, LAST_ADMINISTRATOR)}`,
        );
      },
    });
  }

  /** Disables the person once the dialog naming them is confirmed. */
  confirmDisable(list: PagedList<User, object>, user: User): void {
    confirmed(this.dialog, {
      title: `Disable ${user.name}?`,
      body: [
        `${user.name} (${user.email}) is signed out everywhere at once and cannot sign in again until enabled.`,
        'Their history is kept.',
      ],
      action: 'Disable',
      danger: true,
    }).subscribe(() =>
      this.apply(list, user, this.api.disable(user.email), {
        done: 'disabled',
        verb: 'disable',
        conflict:
          user.id === this.auth.user()?.id
            ? 'you cannot disable yourself.'
            : LAST_ADMINISTRATOR,
      }),
    );
  }

  enable(list: PagedList<User, object>, user: User): void {
    this.apply(list, user, this.api.enable(user.email), {
      done: 'enabled',
      verb: 'enable',
    });
  }

  /** Ends all of the person's sessions once confirmed; they stay active. */
  confirmEndSessions(user: User): void {
    confirmed(this.dialog, {
      title: `Sign ${user.name} out everywhere?`,
      body: [
        `Every session of ${user.name} (${user.email}) ends: they must sign in again on each device.`,
      ],
      action: 'Sign out everywhere',
      danger: true,
    }).subscribe(() =>
      this.api.endSessions(user.email).subscribe({
        next: () => {
          this.notifier.info(`${user.name} was signed out everywhere.`);
          if (user.id === this.auth.user()?.id) this.auth.endSession();
        },
        error: (error: unknown) =>
          this.notifier.error(
            `Cannot sign ${user.name} out: ${errorMessage(error)}`,
          ),
      }),
    );
  }

  /** Deletes the person once the dialog naming them is confirmed. */
  confirmDelete(list: PagedList<User, object>, user: User): void {
    confirmed(this.dialog, {
      title: `Delete ${user.name}?`,
      body: [
        `Delete ${user.name} (${user.email})?`,
        'They lose access at once. This cannot be undone.',
      ],
      action: 'Delete',
      danger: true,
    }).subscribe(() => this.delete(list, user));
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

  private apply(
    list: PagedList<User, object>,
    user: User,
    change: Observable<User>,
    say: { done: string; verb: string; conflict?: string },
  ): void {
    change.subscribe({
      next: (updated) => {
        list.patch(user.id, updated);
        this.notifier.info(`${user.name} was ${say.done}.`);
      },
      error: (error: unknown) =>
        this.notifier.error(
          `Cannot ${say.verb} ${user.name}: ${refusal(error, say.conflict ?? errorMessage(error))}`,
        ),
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
        this.notifier.error(
          `Cannot delete ${user.name}: ${refusal(error, LAST_ADMINISTRATOR)}`,
        ),
    });
  }

  /** The administrator changed their own role: the session and perhaps the page change too. */
  private afterOwnChange(updated: User): void {
    this.auth.updateUser(updated);
    if (updated.role !== Role.Administrator)
      void this.router.navigateByUrl('/account');
  }
}
