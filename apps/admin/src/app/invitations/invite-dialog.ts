import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
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
import type { Invitation, Role } from '@vip/shared-dto';
import {
  DEFAULT_INVITATION_DAYS,
  MAX_INVITATION_DAYS,
  ROLES,
} from '@vip/shared-dto';
import { errorMessage } from '../core/notifier';
import { ROLE_LABELS } from '../shared/role-label';
import { InvitationsApi } from './invitations-api';

/** Invites one email; closes with the new invitation. */
@Component({
  selector: 'vip-invite-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSelect,
    MatOption,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Invite a person</h2>
    <form [formGroup]="form" (ngSubmit)="invite()">
      <mat-dialog-content>
        <p>
          When this email signs in with Google, its account is created with the
          role below, even outside the allowed domains.
        </p>
        <mat-form-field>
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" required />
          @if (form.controls.email.hasError('email')) {
            <mat-error>Enter a valid email address.</mat-error>
          } @else {
            <mat-error>Email is required.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Role</mat-label>
          <mat-select formControlName="role">
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Expires after (days)</mat-label>
          <input
            matInput
            type="number"
            formControlName="expiresInDays"
            [min]="1"
            [max]="maxDays"
            required
          />
          <mat-hint>Between 1 and {{ maxDays }} days.</mat-hint>
          <mat-error>Between 1 and {{ maxDays }} days.</mat-error>
        </mat-form-field>
        @if (failure(); as message) {
          <p class="alert" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="sending()">
          Invite
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      display: block;
    }
    .alert {
      color: var(--mat-sys-error);
    }
  `,
})
export class InviteDialog {
  private readonly api = inject(InvitationsApi);
  private readonly ref =
    inject<MatDialogRef<InviteDialog, Invitation>>(MatDialogRef);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly maxDays = MAX_INVITATION_DAYS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    role: ['driver' as Role, Validators.required],
    expiresInDays: [
      DEFAULT_INVITATION_DAYS,
      [
        Validators.required,
        Validators.min(1),
        Validators.max(MAX_INVITATION_DAYS),
      ],
    ],
  });
  protected readonly sending = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected invite(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, role, expiresInDays } = this.form.getRawValue();
    this.sending.set(true);
    this.failure.set(null);
    this.api
      .create({
        email: email.trim(),
        role,
        expiresInDays: Number(expiresInDays),
      })
      .subscribe({
        next: (invitation) => this.ref.close(invitation),
        error: (error: unknown) => {
          this.sending.set(false);
          this.failure.set(errorMessage(error));
        },
      });
  }
}
