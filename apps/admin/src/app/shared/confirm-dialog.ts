import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { MatDialog } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { filter } from 'rxjs';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';

export interface ConfirmData {
  /** The question, naming the person or thing it is about. */
  title: string;
  /** Sentences saying what will happen. */
  body: readonly string[];
  /** The button that confirms, a verb ("Delete", "Disable"). */
  action: string;
  /** Destructive actions get the error colour. */
  danger?: boolean;
}

/** Asks before an action; closes with `true` only when it is confirmed. */
@Component({
  selector: 'vip-confirm-dialog',
  imports: [
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (sentence of data.body; track $index) {
        <p>{{ sentence }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        Cancel
      </button>
      <button
        mat-flat-button
        type="button"
        [class.danger]="data.danger"
        [mat-dialog-close]="true"
      >
        {{ data.action }}
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
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

/** Dialogs never wider than a phone's screen. */
export const DIALOG_SIZE = { maxWidth: 'calc(100vw - 32px)' };

/** Opens the confirmation; emits once, only when it is confirmed. */
export function confirmed(
  dialog: MatDialog,
  data: ConfirmData,
): Observable<true> {
  return dialog
    .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
      data,
      width: '440px',
      ...DIALOG_SIZE,
    })
    .afterClosed()
    .pipe(filter((answer): answer is true => answer === true));
}
