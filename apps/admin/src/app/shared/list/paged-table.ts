import type { AfterContentInit } from '@angular/core';
import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  contentChildren,
  effect,
  inject,
  input,
  ViewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginator } from '@angular/material/paginator';
import { MatSort } from '@angular/material/sort';
import {
  MatColumnDef,
  MatTable,
  MatTableModule,
} from '@angular/material/table';
import { LoadState } from './load-state';
import type { Identified } from './list-params';
import { PAGE_SIZES } from './list-params';
import type { PagedList } from './paged-list';
import { TotalExact } from './total-exact';

/**
 * The table of a paged list: frame, rows, the no-data row, paginator and the load-error
 * state. Columns come as `matColumnDef`s in its content; a `mat-sort-header` among them
 * sorts on the server through the list.
 */
@Component({
  selector: 'vip-paged-table',
  imports: [MatTableModule, MatPaginator, TotalExact, LoadState],
  hostDirectives: [MatSort],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './paged-table.html',
  styles: `
    :host {
      display: block;
    }
    table {
      width: 100%;
    }
    .no-data {
      padding: 24px 16px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
    mat-paginator {
      background: transparent;
    }
  `,
})
export class PagedTable implements AfterContentInit {
  readonly list = input.required<PagedList<Identified, object>>();
  readonly columns = input.required<readonly string[]>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  readonly loadingText = input.required<string>();
  /** Said before the reason when the list cannot be loaded. */
  readonly failed = input.required<string>();
  /** Said when the list is empty. */
  readonly empty = input.required<string>();
  /** Nothing in the rows takes focus: the frame does, so a keyboard can scroll it. */
  readonly readOnly = input(false, { transform: booleanAttribute });

  private readonly columnDefs = contentChildren(MatColumnDef);
  @ViewChild(MatTable, { static: true }) private table!: MatTable<Identified>;

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly trackById = (_: number, item: Identified) => item.id;

  constructor() {
    const sort = inject(MatSort);
    effect(() => {
      const { active, direction } = this.list().sort();
      sort.active = active;
      sort.direction = direction;
      // Tells the sort headers, as a change of binding would.
      sort.ngOnChanges();
    });
    sort.sortChange
      .pipe(takeUntilDestroyed())
      .subscribe((change) => this.list().sortBy(change));
  }

  ngAfterContentInit(): void {
    this.columnDefs().forEach((def) => this.table.addColumnDef(def));
  }
}
