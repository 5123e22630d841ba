import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import type { Session } from '@vip/shared-dto';
import { errorMessage, Notifier } from '../core/notifier';
import { confirmed } from '../shared/confirm-dialog';
import { LoadState } from '../shared/list/load-state';
import { plural } from '../shared/plural';
import { RelativeTimePipe } from '../shared/relative-time-pipe';
import { describeBrowser, SessionsApi } from './sessions-api';
import { TimeAgo } from '../shared/time-ago';

/** Where the signed-in person is signed in, and a way to end any of it. */
@Component({
  selector: 'vip-my-sessions',
  imports: [TimeAgo, MatButton, MatTableModule, LoadState, RelativeTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-sessions.html',
  styleUrl: './my-sessions.scss',
})
export class MySessions {
  private readonly api = inject(SessionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly sessions = this.api.mine();
  protected readonly rows = computed(() =>
    this.sessions.hasValue() ? this.sessions.value() : [],
  );
  protected readonly others = computed(
    () => this.rows().filter((session) => !session.current).length,
  );
  protected readonly busy = signal(false);
  protected readonly columns = [
    'browser',
    'ip',
    'createdAt',
    'lastUsedAt',
    'actions',
  ];
  protected readonly describeBrowser = describeBrowser;
  protected readonly trackById = (_: number, session: Session) => session.id;

  protected loadError(): string | null {
    const error = this.sessions.error();
    return error && !this.sessions.hasValue() ? errorMessage(error) : null;
  }

  protected end(session: Session): void {
    this.run(this.api.end(session.id), 'That session was ended.');
  }

  protected endOthers(): void {
    confirmed(this.dialog, {
      title: 'Sign out everywhere else?',
      body: [
        `Your ${plural(this.others(), 'other session')} will end: those browsers must sign in again. This one stays signed in.`,
      ],
      action: 'Sign out everywhere else',
      danger: true,
    }).subscribe(() =>
      this.run(this.api.endOthers(), 'You were signed out everywhere else.'),
    );
  }

  private run(request: ReturnType<SessionsApi['end']>, done: string): void {
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.notifier.info(done);
        this.sessions.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.error(`Cannot end the session: ${errorMessage(error)}`);
        this.sessions.reload();
      },
    });
  }
}
