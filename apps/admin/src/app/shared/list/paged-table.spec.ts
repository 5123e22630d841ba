import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { httpResource, provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButton } from '@angular/material/button';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSortHeader } from '@angular/material/sort';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableModule } from '@angular/material/table';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page } from '@vip/shared-dto';
import { aPage, anApiError } from '../../../testing/factories';
import { nextRequest } from '../../../testing/requests';
import { provideHarnessFriendlyTesting } from '../../../testing/providers';
import { withoutEmpty } from '../../core/query-params';
import { sortParam } from './list-params';
import { pagedList } from './paged-list';
import { PagedTable } from './paged-table';

interface Thing {
  id: string;
  name: string;
}

/** The smallest page a list can be: one filter, one sortable column. */
@Component({
  imports: [PagedTable, MatTableModule, MatSortHeader, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button matButton type="button" (click)="list.filter({ kind: 'big' })">
      Big
    </button>
    <button matButton type="button" (click)="list.clearFilters()">Clear</button>
    <button matButton type="button" (click)="list.removed()">Removed</button>
    <vip-paged-table
      label="Things"
      loadingText="Loading things…"
      failed="The things could not be loaded."
      empty="No things."
      [list]="list"
      [columns]="['name']"
    >
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef mat-sort-header>Name</th>
        <td mat-cell *matCellDef="let thing">{{ thing.name }}</td>
      </ng-container>
    </vip-paged-table>
  `,
})
class ThingsPage {
  readonly list = pagedList<Thing, { kind?: string; sort?: string }>({
    filters: (params) => ({
      kind: params.get('kind') || undefined,
      sort: sortParam(params, ['name']),
    }),
    load: (query) =>
      httpResource<Page<Thing>>(() => ({
        url: '/api/things',
        params: withoutEmpty(query()),
      })),
  });
}

const things = (...names: string[]) =>
  names.map((name) => ({ id: name, name }));

describe('PagedTable with a pagedList', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  const nextList = () =>
    nextRequest(backend, (req) => req.url === '/api/things');

  async function respond(req: TestRequest, page: Page<Thing> | 'fail') {
    if (page === 'fail')
      req.flush(anApiError(500, 'Database unavailable'), {
        status: 500,
        statusText: 'Server Error',
      });
    else req.flush(page);
    await harness.fixture.whenStable();
  }

  async function open(url: string): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'things', component: ThingsPage }]),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, ThingsPage);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    return nextList();
  }

  /** Runs a harness action that changes the URL, answering the list it asks for. */
  async function act(action: Promise<void>, page: Page<Thing>) {
    const req = await nextList();
    await respond(req, page);
    await action;
    return req;
  }

  const url = () => TestBed.inject(Router).url;
  const element = () => harness.routeNativeElement as HTMLElement;
  const button = (text: string) =>
    loader.getHarness(MatButtonHarness.with({ text }));
  const names = async () =>
    (
      await (await loader.getHarness(MatTableHarness)).getCellTextByColumnName()
    )['name']?.text ?? [];

  afterEach(() => backend.verify());

  it('reads page, size, sort and filters from the URL and writes each change back', async () => {
    const first = await open(
      '/things?kind=small&sort=-name&page=3&pageSize=10',
    );
    expect(first.request.params.get('kind')).toBe('small');
    expect(first.request.params.get('sort')).toBe('-name');
    expect(first.request.params.get('page')).toBe('3');
    expect(first.request.params.get('pageSize')).toBe('10');
    await respond(
      first,
      aPage(things('c'), { total: 45, page: 3, pageSize: 10 }),
    );
    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('21 – 30 of 45');
    const active = await (
      await loader.getHarness(MatSortHarness)
    ).getActiveHeader();
    expect(await active?.getSortDirection()).toBe('desc');

    await act(paginator.goToNextPage(), aPage(things('d'), { total: 45 }));
    expect(url()).toBe('/things?kind=small&sort=-name&page=4&pageSize=10');

    const req = await act(paginator.setPageSize(25), aPage(things('a')));
    // The paginator keeps the first row in view: row 31 is on page 2 of 25.
    expect(url()).toBe('/things?kind=small&sort=-name&page=2');
    expect(req.request.params.get('pageSize')).toBe('25');

    const [name] = await (
      await loader.getHarness(MatSortHarness)
    ).getSortHeaders({ label: 'Name' });
    await act(name.click(), aPage(things('a')));
    expect(url()).toBe('/things?kind=small');
    // Sorting and filtering start again at page 1.

    await act((await button('Big')).click(), aPage(things('b')));
    expect(url()).toBe('/things?kind=big');
  });

  it('starts a filter again at page 1, ignores a filter already in force, and clears filters but not sort or size', async () => {
    await respond(
      await open('/things?sort=name&pageSize=50&page=2&kind=small'),
      aPage(things('a'), { total: 60, page: 2, pageSize: 50 }),
    );
    await act((await button('Big')).click(), aPage(things('b')));
    expect(url()).toBe('/things?sort=name&pageSize=50&kind=big');

    await (await button('Big')).click();
    TestBed.tick();
    backend.expectNone('/api/things');

    await act((await button('Clear')).click(), aPage(things('a', 'b')));
    expect(url()).toBe('/things?sort=name&pageSize=50');
  });

  it('keeps the last page on screen, dimmed, while the next one loads', async () => {
    await respond(
      await open('/things'),
      aPage(things('a', 'b'), { total: 60 }),
    );
    const paginator = await loader.getHarness(MatPaginatorHarness);
    const turning = paginator.goToNextPage();
    const req = await nextList();
    harness.detectChanges();

    // Read from the DOM: harnesses wait for the load to end.
    const shown = Array.from(
      element().querySelectorAll('td.mat-column-name'),
      (cell) => cell.textContent?.trim(),
    );
    expect(shown).toEqual(['a', 'b']);
    expect(element().querySelector('.table-scroll.stale')).not.toBeNull();
    await respond(req, aPage(things('c'), { total: 60, page: 2 }));
    await turning;
    expect(await names()).toEqual(['c']);
    expect(element().querySelector('.table-scroll.stale')).toBeNull();
  });

  it('says it is loading, then that the list is empty', async () => {
    const req = await open('/things');
    harness.detectChanges();
    expect(element().querySelector('td.no-data')?.textContent?.trim()).toBe(
      'Loading things…',
    );
    await respond(req, aPage<Thing>([]));
    expect(element().querySelector('td.no-data')?.textContent?.trim()).toBe(
      'No things.',
    );
  });

  it('shows the error instead of the table, and Retry asks again', async () => {
    await respond(await open('/things'), 'fail');
    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'The things could not be loaded. Database unavailable',
    );
    expect(
      element().querySelector('.table-scroll')?.hasAttribute('hidden'),
    ).toBe(true);
    expect(await loader.getAllHarnesses(MatPaginatorHarness)).toHaveLength(0);

    await act((await button('Retry')).click(), aPage(things('a')));
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(await names()).toEqual(['a']);
    expect(await loader.getAllHarnesses(MatPaginatorHarness)).toHaveLength(1);
  });

  it('steps back a page when a removal empties a later one', async () => {
    await respond(
      await open('/things?page=2'),
      aPage(things('z'), { total: 26, page: 2 }),
    );
    await act((await button('Removed')).click(), aPage(things('a')));
    expect(url()).toBe('/things');
  });
});
