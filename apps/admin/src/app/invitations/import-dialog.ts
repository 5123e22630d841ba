import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import type { ImportResult, ImportRow } from '@vip/shared-dto';
import { MAX_IMPORT_ROWS } from '@vip/shared-dto';
import { errorMessage } from '../core/notifier';
import { plural } from '../shared/plural';
import { InvitationsApi } from './invitations-api';

/** The rows of a refused file: a 400 whose body carries every row's verdict. */
function refusedRows(error: unknown): ImportRow[] | null {
  const body =
    error instanceof HttpErrorResponse
      ? (error.error as Partial<ImportResult> | null)
      : null;
  return Array.isArray(body?.rows) ? body.rows : null;
}

/** The file's text; through FileReader, which every browser (and jsdom) has. */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/**
 * Imports a CSV roster in two steps: the server checks the file (`dryRun`) and the preview
 * shows every row with its problem; only a clean file can then be imported. Closes with
 * the number of invitations written.
 */
@Component({
  selector: 'vip-import-dialog',
  imports: [
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatIcon,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-dialog.html',
  styleUrl: './import-dialog.scss',
})
export class ImportDialog {
  private readonly api = inject(InvitationsApi);
  private readonly ref =
    inject<MatDialogRef<ImportDialog, number>>(MatDialogRef);

  protected readonly maxRows = MAX_IMPORT_ROWS;
  protected readonly columns = ['line', 'email', 'role', 'verdict'];
  protected readonly fileName = signal<string | null>(null);
  private readonly csv = signal<string | null>(null);
  protected readonly rows = signal<ImportRow[] | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly bad = computed(
    () => this.rows()?.filter((row) => row.error).length ?? 0,
  );
  protected readonly summary = computed(() => {
    const rows = this.rows() ?? [];
    return this.bad()
      ? `${this.bad()} of ${plural(rows.length, 'row')} have a problem. Fix the file and choose it again.`
      : `${plural(rows.length, 'row')} ready to import.`;
  });
  protected readonly importLabel = computed(() => {
    const count = this.rows()?.length;
    return count ? `Import ${plural(count, 'invitation')}` : 'Import';
  });
  protected readonly canImport = computed(
    () => !!this.rows()?.length && this.bad() === 0 && !this.busy(),
  );

  protected async pick(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.fileName.set(file.name);
    this.rows.set(null);
    this.failure.set(null);
    const text = await readText(file);
    this.csv.set(text);
    this.check(text);
  }

  protected import(): void {
    const csv = this.csv();
    if (!csv || !this.canImport()) return;
    this.busy.set(true);
    this.api.import(csv, false).subscribe({
      next: (result) => this.ref.close(result.created),
      error: (error: unknown) => this.refused(error),
    });
  }

  private check(csv: string): void {
    this.busy.set(true);
    this.api.import(csv, true).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.rows.set(result.rows);
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  private refused(error: unknown): void {
    this.busy.set(false);
    const rows = refusedRows(error);
    this.rows.set(rows);
    this.failure.set(rows ? null : errorMessage(error));
  }
}
