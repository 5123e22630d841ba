import type { Sort, SortDirection } from '@angular/material/sort';
import type { ParamMap } from '@angular/router';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@vip/shared-dto';

/** The page sizes every list offers. */
export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100];

/** What every list request carries besides its filters. */
export interface PageQuery {
  page: number;
  pageSize: number;
}

/** Lists hold things the API identifies. */
export interface Identified {
  id: string;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** `page` and `pageSize` of the URL, or the first page of the default size. */
export function pageParams(params: ParamMap): PageQuery {
  return {
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(
      positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
      MAX_PAGE_SIZE,
    ),
  };
}

/** `sort` of the URL when it names one of `fields`, optionally with `-` for descending. */
export function sortParam<S extends string>(
  params: ParamMap,
  fields: readonly S[],
): S | `-${S}` | undefined {
  const value = params.get('sort') ?? '';
  const field = value.replace(/^-/, '');
  return (fields as readonly string[]).includes(field)
    ? (value as S | `-${S}`)
    : undefined;
}

/** An API sort (`name`, `-name`) as the table's sort state. */
export function sortState(sort = ''): Sort {
  const direction: SortDirection = !sort
    ? ''
    : sort.startsWith('-')
      ? 'desc'
      : 'asc';
  return { active: sort.replace(/^-/, ''), direction };
}
