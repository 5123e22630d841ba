import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { User } from '@vip/shared-dto';
import { aPage } from '../../testing/factories';
import { ada, grace, UsersPageDriver } from '../../testing/users-page-driver';

describe('UsersPage', () => {
  const people = new UsersPageDriver();

  afterEach(() => people.backend.verify());

  it('asks the API for the view in the URL and shows the people it returns', async () => {
    const req = await people.open(
      '/users?page=2&pageSize=10&search=ada&role=administrator&sort=-createdAt',
      aPage([ada, grace], { total: 12, page: 2, pageSize: 10 }),
    );

    const params = req.request.params;
    expect(params.get('page')).toBe('2');
    expect(params.get('pageSize')).toBe('10');
    expect(params.get('search')).toBe('ada');
    expect(params.get('role')).toBe('administrator');
    expect(params.get('sort')).toBe('-createdAt');

    const table = await people.loader.getHarness(MatTableHarness);
    expect(await (await table.host()).getAttribute('aria-label')).toBe(
      'People',
    );
    const rows = await table.getCellTextByColumnName();
    expect(rows['name'].text).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(rows['email'].text).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    expect(rows['lastSignInAt'].text).toEqual(['3 days ago', 'never']);
    expect(await (await people.rowRole(ada)).getValueText()).toBe(
      'Administrator',
    );
    expect(await (await people.rowRole(grace)).getValueText()).toBe('Driver');

    const paginator = await people.loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('11 – 12 of 12');
    expect(await paginator.getPageSize()).toBe(10);
    const search = await people.loader.getHarness(
      MatInputHarness.with({ selector: '[type="search"]' }),
    );
    expect(await search.getValue()).toBe('ada');
    const sort = await people.loader.getHarness(MatSortHarness);
    const active = await sort.getActiveHeader();
    expect(await active?.getLabel()).toBe('Created');
    expect(await active?.getSortDirection()).toBe('desc');
  });

  it('asks for the first page of 25 when the URL says nothing', async () => {
    const req = await people.open('/users');
    expect(req.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
  });

  it('keeps filters, sort and page in the URL and reloads from the server', async () => {
    await people.open('/users', aPage([ada, grace], { total: 60 }));

    const roleFilter = await people.loader.getHarness(
      MatSelectHarness.with({ selector: '.role-filter mat-select' }),
    );
    let action = roleFilter.clickOptions({ text: 'Driver' });
    let req = await people.nextList();
    expect(req.request.params.get('role')).toBe('driver');
    expect(people.url()).toBe('/users?role=driver');
    await people.respond(req, aPage([grace], { total: 60 }));
    await action;

    action = (
      await people.loader.getHarness(MatPaginatorHarness)
    ).goToNextPage();
    req = await people.nextList();
    expect(req.request.params.get('page')).toBe('2');
    expect(people.url()).toBe('/users?role=driver&page=2');
    await people.respond(req, aPage([grace], { total: 60, page: 2 }));
    await action;

    const [nameHeader] = await (
      await people.loader.getHarness(MatSortHarness)
    ).getSortHeaders({ label: 'Name' });
    action = nameHeader.click();
    req = await people.nextList();
    expect(req.request.params.get('sort')).toBe('name');
    expect(req.request.params.get('page')).toBe('1');
    expect(people.url()).toBe('/users?role=driver&sort=name');
    await people.respond(req, aPage([grace], { total: 60 }));
    await action;
  });

  it('searches 300 ms after typing stops, from page 1', async () => {
    await people.open(
      '/users?page=3',
      aPage([ada, grace], { total: 80, page: 3 }),
    );

    const search = await people.loader.getHarness(
      MatInputHarness.with({ selector: '[type="search"]' }),
    );
    await search.setValue('gra');
    TestBed.tick();
    people.backend.expectNone((req) => req.url === '/api/auth/users');

    await new Promise((resolve) => setTimeout(resolve, 350));
    const req = people.expectList();
    expect(req.request.params.get('search')).toBe('gra');
    expect(req.request.params.get('page')).toBe('1');
    expect(people.url()).toBe('/users?search=gra');
    await people.respond(req, aPage([grace]));
  });

  it("filters by status in the URL and shows each person's status", async () => {
    const first = await people.open(
      '/users?status=disabled',
      aPage([{ ...grace, status: 'disabled' }]),
    );
    expect(first.request.params.get('status')).toBe('disabled');
    const rows = await (
      await people.loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['status'].text).toEqual(['Disabled']);
    const statusFilter = await people.loader.getHarness(
      MatSelectHarness.with({ selector: '.status-filter mat-select' }),
    );
    expect(await statusFilter.getValueText()).toBe('Disabled');
    const action = statusFilter.clickOptions({ text: 'Waiting for approval' });
    const req = await people.nextList();
    expect(req.request.params.get('status')).toBe('pending');
    expect(people.url()).toBe('/users?status=pending');
    await people.respond(req, aPage<User>([]));
    await action;
    expect(people.text()).toContain('No people are waiting for approval.');
  });

  it('ignores an unknown status in the URL', async () => {
    const req = await people.open('/users?status=banned');
    expect(req.request.params.has('status')).toBe(false);
  });

  it('says who matched nobody', async () => {
    await people.open('/users?search=zed', aPage<User>([]));
    expect(people.text()).toContain('No people match “zed”.');
  });

  it('shows an error with a Retry button that asks again', async () => {
    await people.open('/users', 'fail');

    expect(people.text()).toContain(
      'The list of people could not be loaded. Database unavailable',
    );
    const retry = (
      await people.loader.getHarness(MatButtonHarness.with({ text: 'Retry' }))
    ).click();
    await people.respond(await people.nextList(), aPage([ada]));
    await retry;
    const rows = await (
      await people.loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['name'].text).toEqual(['Ada Lovelace']);
  });
});
