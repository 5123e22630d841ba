import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { ParamMap } from '@angular/router';
import type { AuditAction, AuditEvent, AuditEventQuery } from '@vip/shared-dto';
import { AUDIT_ACTIONS } from '@vip/shared-dto';
import { errorMessage, Notifier } from '../core/notifier';
import { pagedList } from '../shared/list/paged-list';
import { PagedTable } from '../shared/list/paged-table';
import { AuditApi } from './audit-api';
import { AUDIT_ACTION_LABELS, describeEvent } from './audit-labels';

/** Start (or, with `endOfDay`, the last millisecond) of a local `YYYY-MM-DD` day, as ISO. */
function isoOf(date: string | null, endOfDay = false): string | undefined {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = new Date(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The filters in the URL; `from` and `to` are local days there, ISO times for the API. */
function auditFilters(params: ParamMap): AuditEventQuery {
  const action = params.get('action');
  return {
    action: AUDIT_ACTIONS.includes(action as AuditAction)
      ? (action as AuditAction)
      : undefined,
    actorEmail: params.get('actorEmail')?.trim() || undefined,
    targetEmail: params.get('targetEmail')?.trim() || undefined,
    from: isoOf(params.get('from')),
    to: isoOf(params.get('to'), true),
  };
}

/** Who did what to whom, and when: the audit trail, filtered and paged on the server. */
@Component({
  selector: 'vip-audit-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatFormField,
    MatLabel,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIcon,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly notifier = inject(Notifier);

  protected readonly list = pagedList<AuditEvent, AuditEventQuery>({
    filters: auditFilters,
    load: (query) => this.api.events(query),
  });
  /** A filter as the URL has it (dates as days), for its box. */
  protected readonly param = (name: string) =>
    this.list.params().get(name) ?? '';

  protected readonly columns = [
    'occurredAt',
    'action',
    'actor',
    'target',
    'change',
  ];
  protected readonly actions = AUDIT_ACTIONS;
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly describe = describeEvent;
  protected readonly actionLabel = (event: AuditEvent) =>
    AUDIT_ACTION_LABELS[event.action] ?? event.action;
  protected readonly downloading = signal(false);

  protected setFilter(name: string, value: string): void {
    this.list.filter({ [name]: value.trim() });
  }

  /** Fetches the CSV of the current filter with the bearer token and saves it. */
  protected download(): void {
    this.downloading.set(true);
    this.api.csv(this.list.query()).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = 'audit-events.csv';
        link.click();
        // Let the click start the download before the object URL goes.
        setTimeout(() => URL.revokeObjectURL(url));
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.notifier.error(
          `The CSV could not be downloaded: ${errorMessage(error)}`,
        );
      },
    });
  }
}
