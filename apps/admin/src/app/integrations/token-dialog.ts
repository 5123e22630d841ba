import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import type { AbstractControl, ValidationErrors } from '@angular/forms';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import {
  MatError,
  MatFormField,
  MatHint,
  MatLabel,
} from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import type { ApiTokenExpiryDays } from '@vip/shared-dto';
import {
  API_TOKEN_EXPIRY_DAYS,
  MAX_API_TOKEN_NAME_LENGTH,
} from '@vip/shared-dto';
import { errorMessage } from '../core/notifier';
import type { ApiToken, CreatedApiToken, ApiTokenScope } from '@vip/shared-dto';
import { API_TOKEN_SCOPES } from '@vip/shared-dto';
import { SecretReveal } from './secret-reveal';
import { TokensApi } from './tokens-api';

export const SCOPE_LABELS: Readonly<
  Record<ApiTokenScope, { label: string; explained: string }>
> = {
  'users:read': {
    label: 'Read people',
    explained: 'The people list, a person, their activity and the numbers.',
  },
  'users:write': {
    label: 'Change people',
    explained: 'Roles, status, approvals, deletions, sessions and invitations.',
  },
  'audit:read': {
    label: 'Read the audit trail',
    explained: 'The audit events and their CSV export.',
  },
};

/** How long a new token lasts; `0` never expires. */
const TOKEN_EXPIRY_DAYS: readonly (ApiTokenExpiryDays | 0)[] = [
  ...API_TOKEN_EXPIRY_DAYS,
  0,
];
const DEFAULT_EXPIRY_DAYS: ApiTokenExpiryDays = 90;

function atLeastOne(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as Record<string, boolean>).some(Boolean)
    ? null
    : { none: true };
}

/**
 * Creates a token, then shows its secret this one time. Closes with the new token (after
 * the secret was shown) or with nothing (cancelled).
 */
@Component({
  selector: 'vip-token-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
    SecretReveal,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (created(); as created) {
      <h2 mat-dialog-title>Your new token</h2>
      <mat-dialog-content>
        <p>
          “{{ created.token.name }}” is ready. Send it as
          <code>Authorization: Bearer …</code> from the system that uses it.
        </p>
        <vip-secret-reveal
          label="the token"
          explanation="Store it where the system that uses it keeps its secrets. If it is lost, revoke it and create another."
          [secret]="created.secret"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="done(created.token)">
          Done
        </button>
      </mat-dialog-actions>
    } @else {
      <h2 mat-dialog-title>Create an API token</h2>
      <form [formGroup]="form" (ngSubmit)="create()">
        <mat-dialog-content>
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input
              matInput
              formControlName="name"
              [maxlength]="nameMax"
              required
            />
            <mat-hint
              >What uses it, so you know what breaks if revoked.</mat-hint
            >
            <mat-error>A name is required.</mat-error>
          </mat-form-field>
          <fieldset formGroupName="scopes" aria-describedby="scopes-error">
            <legend>What it may do</legend>
            @for (scope of scopes; track scope) {
              <mat-checkbox [formControlName]="scope">
                {{ scopeLabels[scope].label }}
                <code>{{ scope }}</code>
                <span class="explained">{{
                  scopeLabels[scope].explained
                }}</span>
              </mat-checkbox>
            }
            <p id="scopes-error" class="field-error">
              @if (
                form.controls.scopes.invalid && form.controls.scopes.touched
              ) {
                Choose at least one.
              }
            </p>
          </fieldset>
          <mat-form-field>
            <mat-label>Expires</mat-label>
            <mat-select formControlName="expiresInDays">
              @for (days of expiryDays; track days) {
                <mat-option [value]="days">{{ expiryLabel(days) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (failure(); as message) {
            <p class="alert" role="alert">{{ message }}</p>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="sending()">
            Create token
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    mat-form-field {
      display: block;
    }
    fieldset {
      margin: 8px 0 8px;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    mat-checkbox {
      display: block;
    }
    .explained {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .field-error,
    .alert {
      color: var(--mat-sys-error);
    }
    .field-error {
      min-height: 1.25em;
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class TokenDialog {
  private readonly api = inject(TokensApi);
  private readonly ref =
    inject<MatDialogRef<TokenDialog, ApiToken>>(MatDialogRef);

  protected readonly scopes = API_TOKEN_SCOPES;
  protected readonly scopeLabels = SCOPE_LABELS;
  protected readonly expiryDays = TOKEN_EXPIRY_DAYS;
  protected readonly nameMax = MAX_API_TOKEN_NAME_LENGTH;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.pattern(/\S/)]],
    scopes: this.fb.group(
      Object.fromEntries(
        API_TOKEN_SCOPES.map((scope) => [scope, false]),
      ) as Record<ApiTokenScope, boolean>,
      { validators: atLeastOne },
    ),
    expiresInDays: DEFAULT_EXPIRY_DAYS as ApiTokenExpiryDays | 0,
  });
  protected readonly sending = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly created = signal<CreatedApiToken | null>(null);

  protected expiryLabel(days: number): string {
    return days ? `In ${days} days` : 'Never';
  }

  protected create(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, scopes, expiresInDays } = this.form.getRawValue();
    this.sending.set(true);
    this.failure.set(null);
    this.api
      .create({
        name: name.trim(),
        scopes: API_TOKEN_SCOPES.filter((scope) => scopes[scope]),
        ...(expiresInDays ? { expiresInDays } : {}),
      })
      .subscribe({
        next: (created) => {
          this.sending.set(false);
          // A stray Escape or click outside must not lose the only copy of the secret.
          this.ref.disableClose = true;
          this.created.set(created);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.failure.set(errorMessage(error));
        },
      });
  }

  protected done(token: ApiToken): void {
    this.ref.close(token);
  }
}
