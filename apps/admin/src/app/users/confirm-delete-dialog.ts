import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import type { User } from '@vip/shared-dto';

export type ConfirmDeleteData = Pick<User, 'name' | 'email'>;

/** Asks before a person is removed; closes with `true` only when deletion is confirmed. */
@Component({
  selector: 'vip-confirm-delete-dialog',
  imports: [
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Delete {{ data.name }}?</h2>
    <mat-dialog-content>
      <p>Delete {{ data.name }} ({{ data.email }})?</p>
      <p>They lose access at once. This cannot be undone.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        Cancel
      </button>
      <button
        mat-flat-button
        type="button"
        class="danger"
        [mat-dialog-close]="true"
      >
        Delete
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDeleteDialog {
  protected readonly data = inject<ConfirmDeleteData>(MAT_DIALOG_DATA);
}
