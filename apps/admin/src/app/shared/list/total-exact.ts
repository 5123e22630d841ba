import { Directive, effect, inject, Injectable, input } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';

/** Range labels that end in "10,000+" while the list's total is only a lower bound. */
@Injectable()
export class BoundedTotalPaginatorIntl extends MatPaginatorIntl {
  exact = true;
  // The base class's label, read as the base declares it (this class redeclares the field).
  private readonly exactRangeLabel = (this as MatPaginatorIntl).getRangeLabel;

  override getRangeLabel = (
    page: number,
    pageSize: number,
    length: number,
  ): string =>
    this.exact
      ? this.exactRangeLabel(page, pageSize, length)
      : `${page * pageSize + 1} – ${(page + 1) * pageSize} of ${length.toLocaleString('en')}+`;
}

/**
 * `<mat-paginator [vipTotalExact]="list.totalExact()">`: the paginator says
 * "of 10,000+" when a search matched more people than the API counts.
 */
@Directive({
  selector: 'mat-paginator[vipTotalExact]',
  providers: [
    { provide: MatPaginatorIntl, useClass: BoundedTotalPaginatorIntl },
  ],
})
export class TotalExact {
  readonly vipTotalExact = input.required<boolean>();

  constructor() {
    const intl = inject(MatPaginatorIntl) as BoundedTotalPaginatorIntl;
    effect(() => {
      intl.exact = this.vipTotalExact();
      intl.changes.next();
    });
  }
}
