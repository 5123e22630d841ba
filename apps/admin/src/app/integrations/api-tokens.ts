import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { filter } from 'rxjs';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { confirmed, DIALOG_SIZE } from '../shared/confirm-dialog';
import { LoadState } from '../shared/list/load-state';
import { TimeAgo } from '../shared/time-ago';
import type { ApiToken, ApiTokenScope } from '@vip/shared-dto';
import { SCOPE_LABELS, TokenDialog } from './token-dialog';
import { TokensApi } from './tokens-api';

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: ApiToken, now = Date.now()): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The API tokens tab: who can call the API without signing in, and a way to stop them. */
@Component({
  selector: 'vip-api-tokens',
  imports: [DatePipe, MatButton, MatIcon, MatTableModule, LoadState, TimeAgo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-tokens.html',
  styleUrl: './integrations-tables.scss',
})
export class ApiTokens {
  private readonly api = inject(TokensApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly tokens = this.api.list();
  protected readonly rows = computed(() =>
    this.tokens.hasValue() ? this.tokens.value() : [],
  );
  protected readonly columns = [
    'name',
    'prefix',
    'scopes',
    'createdBy',
    'createdAt',
    'lastUsedAt',
    'expiresAt',
    'actions',
  ];
  protected readonly scopeLabel = (scope: string) =>
    SCOPE_LABELS[scope as ApiTokenScope]?.label ?? scope;
  protected readonly state = tokenState;
  protected readonly trackById = (_: number, token: ApiToken) => token.id;

  protected loadError(): string | null {
    const error = this.tokens.error();
    return error && !this.tokens.hasValue() ? errorMessage(error) : null;
  }

  protected create(): void {
    this.dialog
      .open<TokenDialog, void, ApiToken>(TokenDialog, {
        width: '560px',
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(filter((token) => !!token))
      .subscribe((token) => {
        this.notifier.info(`The token “${token.name}” was created.`);
        this.tokens.reload();
      });
  }

  protected revoke(token: ApiToken): void {
    confirmed(this.dialog, {
      title: `Revoke the token “${token.name}”?`,
      body: [
        `Whatever uses it (${token.prefix}…) is refused from its next request on. This cannot be undone: to let it in again, create a new token.`,
      ],
      action: 'Revoke',
      danger: true,
    }).subscribe(() =>
      this.api.revoke(token.id).subscribe({
        next: () => {
          this.notifier.info(`The token “${token.name}” was revoked.`);
          this.tokens.reload();
        },
        error: (error: unknown) => {
          this.notifier.error(
            errorStatus(error) === 404
              ? `The token “${token.name}” no longer exists.`
              : `Cannot revoke: ${errorMessage(error)}`,
          );
          this.tokens.reload();
        },
      }),
    );
  }
}
