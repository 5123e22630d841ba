import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { PageEvent } from '@angular/material/paginator';
import { MatPaginator } from '@angular/material/paginator';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type {
  AuditAction,
  AuditEvent,
  AuditEventQuery,
  Page,
} from '@vip/shared-dto';
import { AUDIT_ACTIONS, DEFAULT_PAGE_SIZE } from '@vip/shared-dto';
import { errorMessage, Notifier } from '../core/notifier';
import { AuditApi } from './audit-api';
import { AUDIT_ACTION_LABELS, describeEvent } from './audit-labels';

export const AUDIT_PAGE_SIZES = [10, 25, 50, 100];

/** Filters as typed: dates are `YYYY-MM-DD` in the browser's time zone. */
interface AuditFilters {
  action: AuditAction | '';
  actorEmail: string;
  targetEmail: string;
  fromDate: string;
  toDate: string;
}

const NO_FILTERS: AuditFilters = {
  action: '',
  actorEmail: '',
  targetEmail: '',
  fromDate: '',
  toDate: '',
};

/** Start (or, with `endOfDay`, the last millisecond) of a local day, as an ISO time. */
function isoOf(date: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = new Date(`${date}T${endOfDay ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** Who did what to whom, and when: the audit trail, filtered and paged on the server. */
@Component({
  selector: 'vip-audit-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatPaginator,
    MatFormField,
    MatLabel,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIcon,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly notifier = inject(Notifier);

  protected readonly filters = signal<AuditFilters>(NO_FILTERS);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);

  protected readonly query = computed<AuditEventQuery>(() => {
    const f = this.filters();
    return {
      page: this.page(),
      pageSize: this.pageSize(),
      action: f.action || undefined,
      actorEmail: f.actorEmail.trim() || undefined,
      targetEmail: f.targetEmail.trim() || undefined,
      from: isoOf(f.fromDate),
      to: isoOf(f.toDate, true),
    };
  });

  protected readonly events = this.api.events(this.query);
  /** The last answer stays on screen while the next page loads. */
  protected readonly result = linkedSignal<
    Page<AuditEvent> | undefined,
    Page<AuditEvent> | undefined
  >({
    source: () => (this.events.hasValue() ? this.events.value() : undefined),
    computation: (current, previous) =>
      current ??
      (this.events.status() === 'loading' ? previous?.value : undefined),
  });
  protected readonly rows = computed(() => this.result()?.items ?? []);
  protected readonly loadError = computed(() => {
    const error = this.events.error();
    return error && !this.result() ? errorMessage(error) : null;
  });

  protected readonly columns = [
    'occurredAt',
    'action',
    'actor',
    'target',
    'change',
  ];
  protected readonly actions = AUDIT_ACTIONS;
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly describe = describeEvent;
  protected readonly actionLabel = (event: AuditEvent) =>
    AUDIT_ACTION_LABELS[event.action] ?? event.action;
  protected readonly downloading = signal(false);

  protected setFilter<K extends keyof AuditFilters>(
    key: K,
    value: AuditFilters[K],
  ): void {
    if (this.filters()[key] === value) return;
    this.filters.update((current) => ({ ...current, [key]: value }));
    this.page.set(1);
  }

  protected clearFilters(): void {
    this.filters.set(NO_FILTERS);
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
  }

  protected retry(): void {
    this.events.reload();
  }

  /** Fetches the CSV of the current filter with the bearer token and saves it. */
  protected download(): void {
    this.downloading.set(true);
    this.api.csv(this.query()).subscribe({
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

  protected readonly trackById = (_: number, event: AuditEvent) => event.id;
}
