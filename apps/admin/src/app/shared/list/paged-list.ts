import type { HttpResourceRef } from '@angular/common/http';
import type { Signal } from '@angular/core';
import { computed, inject, linkedSignal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import type { ParamMap, Params } from '@angular/router';
import { ActivatedRoute, Router } from '@angular/router';
import type { Page } from '@vip/shared-dto';
import { DEFAULT_PAGE_SIZE } from '@vip/shared-dto';
import { errorMessage } from '../../core/notifier';
import type { Identified, PageQuery } from './list-params';
import { pageParams, sortState } from './list-params';

export interface PagedListOptions<T, F> {
  /** The filters (and `sort`) in the URL's query parameters; invalid values are left out. */
  filters: (params: ParamMap) => F;
  /** The resource that loads a page of `query` (called once, in an injection context). */
  load: (query: Signal<F & PageQuery>) => HttpResourceRef<Page<T> | undefined>;
}

const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * A server-paged list whose state lives in the URL: page, pageSize, sort, search and each
 * filter are query parameters named as the API names them, so links and reloads keep the
 * view. The last page stays on screen while the next one loads.
 */
export class PagedList<T extends Identified, F extends object> {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The URL's query parameters, as typed (inputs show these). */
  readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  readonly query: Signal<F & PageQuery>;
  readonly resource: HttpResourceRef<Page<T> | undefined>;
  private readonly shown = linkedSignal<
    Page<T> | undefined,
    Page<T> | undefined
  >({
    source: () =>
      this.resource.hasValue() ? this.resource.value() : undefined,
    computation: (current, previous) =>
      current ??
      (this.resource.status() === 'loading' ? previous?.value : undefined),
  });
  readonly page = this.shown.asReadonly();
  readonly rows = computed(() => this.page()?.items ?? []);
  readonly total = computed(() => this.page()?.total ?? 0);
  /** False while `total` is only a lower bound (a search matching more than the API counts). */
  readonly totalExact = computed(() => this.page()?.totalExact !== false);
  readonly loading = computed(() => this.resource.isLoading());
  /** A previous page is on screen while another loads. */
  readonly stale = computed(() => this.loading() && !!this.page());
  /** Why nothing can be shown, or `null`. */
  readonly error = computed(() => {
    const error = this.resource.error();
    return error && !this.page() ? errorMessage(error) : null;
  });
  readonly sort = computed(() =>
    sortState((this.query() as { sort?: string }).sort),
  );

  constructor(options: PagedListOptions<T, F>) {
    this.query = computed(
      () => {
        const params = this.params();
        return { ...options.filters(params), ...pageParams(params) };
      },
      { equal: sameJson },
    );
    this.resource = options.load(this.query);
  }

  /** Sets filters by their URL names (empty removes one); the list starts again at page 1. */
  filter(changes: Record<string, string | null | undefined>): void {
    const params = this.params();
    const next: Params = {};
    for (const [key, value] of Object.entries(changes))
      next[key] = value || null;
    if (Object.entries(next).every(([key, v]) => params.get(key) === v)) return;
    this.navigate({ ...next, page: null });
  }

  /** Drops every filter, keeping the sort and the page size. */
  clearFilters(): void {
    const params = this.params();
    const keep = (key: string) =>
      key === 'sort' || key === 'pageSize' ? params.get(key) : null;
    this.navigate(Object.fromEntries(params.keys.map((k) => [k, keep(k)])));
  }

  sortBy({ active, direction }: Sort): void {
    const sort = !direction
      ? null
      : direction === 'asc'
        ? active
        : `-${active}`;
    this.navigate({ sort, page: null });
  }

  turnPage({ pageIndex, pageSize }: PageEvent): void {
    this.navigate({
      page: pageIndex > 0 ? pageIndex + 1 : null,
      pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : null,
    });
  }

  reload(): void {
    this.resource.reload();
  }

  /** After an item was removed: back a page when that emptied a later one, else reload. */
  removed(): void {
    const { page } = this.query();
    if (this.rows().length === 1 && page > 1)
      this.navigate({ page: page > 2 ? page - 1 : null });
    else this.reload();
  }

  /** Changes one shown item in place (an optimistic update, or the server's answer). */
  patch(id: string, changes: Partial<T>): void {
    this.shown.update(
      (page) =>
        page && {
          ...page,
          items: page.items.map((item) =>
            item.id === id ? { ...item, ...changes } : item,
          ),
        },
    );
  }

  private navigate(queryParams: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}

/** A paged list driven by the current route's URL. Call in an injection context. */
export function pagedList<T extends Identified, F extends object>(
  options: PagedListOptions<T, F>,
): PagedList<T, F> {
  return new PagedList(options);
}
