import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatSortHarness } from '@angular/material/sort/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import {
  aPage,
  aUser,
  anApiError,
  anAuditEvent,
} from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { UsersPage } from './users-page';

describe('UsersPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let documentLoader: HarnessLoader;

  const ada = aUser({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: Role.Administrator,
    lastSignInAt: new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(),
  });
  const grace = aUser({
    name: 'Grace Hopper',
    email: 'grace@example.com',
    role: Role.Driver,
  });

  function expectList(): TestRequest {
    TestBed.tick();
    return backend.expectOne(
      (req) => req.method === 'GET' && req.url === '/api/auth/users',
    );
  }

  /**
   * The next list request, waited for without waiting for stability: a loading resource
   * keeps the page unstable, so a harness action that reloads finishes only after the answer.
   */
  async function nextList(): Promise<TestRequest> {
    for (let attempt = 0; attempt < 100; attempt++) {
      TestBed.tick();
      const found = backend.match(
        (req) => req.method === 'GET' && req.url === '/api/auth/users',
      );
      if (found.length > 1)
        throw new Error(`Expected one list request, got ${found.length}`);
      if (found.length === 1) return found[0];
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('No list request was sent');
  }

  async function respond(req: TestRequest, page: Page<User>) {
    req.flush(page);
    await harness.fixture.whenStable();
  }

  async function open(
    url: string,
    answer: Page<User> | 'fail' = aPage([ada, grace]),
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'users', component: UsersPage }],
          withComponentInputBinding(),
        ),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, UsersPage);
    const req = expectList();
    if (answer === 'fail') {
      req.flush(anApiError(500, 'Database unavailable'), {
        status: 500,
        statusText: 'Server Error',
      });
      await harness.fixture.whenStable();
    } else {
      await respond(req, answer);
    }
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    documentLoader = TestbedHarnessEnvironment.documentRootLoader(
      harness.fixture,
    );
    return req;
  }

  const url = () => TestBed.inject(Router).url;
  const text = () =>
    (harness.routeNativeElement as HTMLElement).textContent ?? '';
  const rowRole = (user: User) =>
    loader.getHarness(
      MatSelectHarness.with({
        selector: `[aria-label="Role of ${user.name}"]`,
      }),
    );
  const snackBarMessage = async () =>
    (await documentLoader.getHarness(MatSnackBarHarness)).getMessage();

  afterEach(() => backend.verify());

  it('asks the API for the view in the URL and shows the people it returns', async () => {
    const req = await open(
      '/users?page=2&pageSize=10&search=ada&role=administrator&sort=-createdAt',
      aPage([ada, grace], { total: 12, page: 2, pageSize: 10 }),
    );

    const params = req.request.params;
    expect(params.get('page')).toBe('2');
    expect(params.get('pageSize')).toBe('10');
    expect(params.get('search')).toBe('ada');
    expect(params.get('role')).toBe('administrator');
    expect(params.get('sort')).toBe('-createdAt');

    const table = await loader.getHarness(MatTableHarness);
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
    expect(await (await rowRole(ada)).getValueText()).toBe('Administrator');
    expect(await (await rowRole(grace)).getValueText()).toBe('Driver');

    const paginator = await loader.getHarness(MatPaginatorHarness);
    expect(await paginator.getRangeLabel()).toBe('11 – 12 of 12');
    expect(await paginator.getPageSize()).toBe(10);
    const search = await loader.getHarness(
      MatInputHarness.with({ selector: '[type="search"]' }),
    );
    expect(await search.getValue()).toBe('ada');
    const sort = await loader.getHarness(MatSortHarness);
    const active = await sort.getActiveHeader();
    expect(await active?.getLabel()).toBe('Created');
    expect(await active?.getSortDirection()).toBe('desc');
  });

  it('asks for the first page of 25 when the URL says nothing', async () => {
    const req = await open('/users');
    expect(req.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('25');
  });

  it('keeps filters, sort and page in the URL and reloads from the server', async () => {
    await open('/users', aPage([ada, grace], { total: 60 }));

    const roleFilter = await loader.getHarness(
      MatSelectHarness.with({ selector: '.role-filter mat-select' }),
    );
    let action = roleFilter.clickOptions({ text: 'Driver' });
    let req = await nextList();
    expect(req.request.params.get('role')).toBe('driver');
    expect(url()).toBe('/users?role=driver');
    await respond(req, aPage([grace], { total: 60 }));
    await action;

    action = (await loader.getHarness(MatPaginatorHarness)).goToNextPage();
    req = await nextList();
    expect(req.request.params.get('page')).toBe('2');
    expect(url()).toBe('/users?role=driver&page=2');
    await respond(req, aPage([grace], { total: 60, page: 2 }));
    await action;

    const [nameHeader] = await (
      await loader.getHarness(MatSortHarness)
    ).getSortHeaders({ label: 'Name' });
    action = nameHeader.click();
    req = await nextList();
    expect(req.request.params.get('sort')).toBe('name');
    expect(req.request.params.get('page')).toBe('1');
    expect(url()).toBe('/users?role=driver&sort=name');
    await respond(req, aPage([grace], { total: 60 }));
    await action;
  });

  it('searches 300 ms after typing stops, from page 1', async () => {
    await open('/users?page=3', aPage([ada, grace], { total: 80, page: 3 }));

    const search = await loader.getHarness(
      MatInputHarness.with({ selector: '[type="search"]' }),
    );
    await search.setValue('gra');
    TestBed.tick();
    backend.expectNone((req) => req.url === '/api/auth/users');

    await new Promise((resolve) => setTimeout(resolve, 350));
    const req = expectList();
    expect(req.request.params.get('search')).toBe('gra');
    expect(req.request.params.get('page')).toBe('1');
    expect(url()).toBe('/users?search=gra');
    await respond(req, aPage([grace]));
  });

  it('says who matched nobody', async () => {
    await open('/users?search=zed', aPage<User>([]));
    expect(text()).toContain('No people match “zed”.');
  });

  it('shows an error with a Retry button that asks again', async () => {
    await open('/users', 'fail');

    expect(text()).toContain(
      'The list of people could not be loaded. Database unavailable',
    );
    const retry = (
      await loader.getHarness(MatButtonHarness.with({ text: 'Retry' }))
    ).click();
    await respond(await nextList(), aPage([ada]));
    await retry;
    const rows = await (
      await loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['name'].text).toEqual(['Ada Lovelace']);
  });

  describe('changing a role', () => {
    it('updates the row at once and sends PATCH with the new role', async () => {
      await open('/users');
      const select = await rowRole(grace);
      await select.clickOptions({ text: 'Coordinator' });

      expect(await select.getValueText()).toBe('Coordinator');
      const req = backend.expectOne('/api/auth/users/grace%40example.com/role');
      expect(req.request.method).toBe('PATCH');
      expect(req.request.body).toEqual({ role: 'coordinator' });
      req.flush({ ...grace, role: Role.Coordinator });
      await harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Coordinator');
      expect(await snackBarMessage()).toBe('Grace Hopper is now coordinator.');
    });

    it('rolls back and explains when the last administrator would be demoted (409)', async () => {
      await open('/users');
      const select = await rowRole(ada);
      await select.clickOptions({ text: 'Driver' });
      expect(await select.getValueText()).toBe('Driver');

      backend
        .expectOne('/api/auth/users/ada%40example.com/role')
        .flush(
          anApiError(
            409,
            'The last administrator cannot be demoted',
            'Conflict',
          ),
          {
            status: 409,
            statusText: 'Conflict',
          },
        );
      await harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Administrator');
      expect(await snackBarMessage()).toBe(
        "Cannot change Ada's role: at least one administrator must remain.",
      );
    });

    it("rolls back and shows the server's message for other failures", async () => {
      await open('/users');
      const select = await rowRole(grace);
      await select.clickOptions({ text: 'Administrator' });
      backend
        .expectOne('/api/auth/users/grace%40example.com/role')
        .flush(anApiError(404, 'No user with that email'), {
          status: 404,
          statusText: 'Not Found',
        });
      await harness.fixture.whenStable();

      expect(await select.getValueText()).toBe('Driver');
      expect(await snackBarMessage()).toBe(
        "Cannot change Grace's role: No user with that email",
      );
    });
  });

  describe('deleting a person', () => {
    async function openDeleteDialog(user: User) {
      await (
        await loader.getHarness(
          MatButtonHarness.with({
            selector: `[aria-label="Delete ${user.name}"]`,
          }),
        )
      ).click();
      return documentLoader.getHarness(MatDialogHarness);
    }

    it('names the person and deletes nothing when cancelled', async () => {
      await open('/users');
      const dialog = await openDeleteDialog(ada);
      expect(await dialog.getContentText()).toContain(
        'Delete Ada Lovelace (ada@example.com)?',
      );

      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))
      ).click();
      await harness.fixture.whenStable();
      expect(
        await documentLoader.getAllHarnesses(MatDialogHarness),
      ).toHaveLength(0);
      backend.expectNone((req) => req.method === 'DELETE');
    });

    it('deletes only after confirmation, then reloads the page', async () => {
      await open('/users');
      const dialog = await openDeleteDialog(grace);
      backend.expectNone((req) => req.method === 'DELETE');

      const confirm = (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Delete' }))
      ).click();
      await confirm;
      const req = backend.expectOne('/api/auth/users/grace%40example.com');
      expect(req.request.method).toBe('DELETE');
      req.flush(null, { status: 204, statusText: 'No Content' });

      await respond(await nextList(), aPage([ada]));
      const rows = await (
        await loader.getHarness(MatTableHarness)
      ).getCellTextByColumnName();
      expect(rows['name'].text).toEqual(['Ada Lovelace']);
    });

    it('explains a refusal to delete the last administrator', async () => {
      await open('/users');
      const dialog = await openDeleteDialog(ada);
      await (
        await dialog.getHarness(MatButtonHarness.with({ text: 'Delete' }))
      ).click();
      backend
        .expectOne('/api/auth/users/ada%40example.com')
        .flush(anApiError(409, 'Conflict'), {
          status: 409,
          statusText: 'Conflict',
        });
      await harness.fixture.whenStable();

      expect(await snackBarMessage()).toBe(
        'Cannot delete Ada Lovelace: at least one administrator must remain.',
      );
      backend.expectNone((req) => req.url === '/api/auth/users');
    });
  });

  describe("a person's details", () => {
    it('opens from the activity button and shows their timeline, newest first, as the server pages it', async () => {
      await open('/users');
      const button = await loader.getHarness(
        MatButtonHarness.with({
          selector: '[aria-label="Activity of Grace Hopper"]',
        }),
      );
      // The loading timeline keeps the page unstable: answer it before the click settles.
      const clicking = button.click();
      let req: TestRequest | undefined;
      for (let attempt = 0; attempt < 100 && !req; attempt++) {
        TestBed.tick();
        req = backend.match(
          (r) => r.url === '/api/auth/users/grace%40example.com/activity',
        )[0];
        if (!req) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (!req) throw new Error('No activity request was sent');
      expect(req.request.params.get('page')).toBe('1');
      req.flush(
        aPage(
          [
            anAuditEvent({
              action: 'user.role_changed',
              actorEmail: 'ada@example.com',
              targetEmail: 'grace@example.com',
              details: {
                before: { role: 'coordinator' },
                after: { role: 'driver' },
              },
            }),
            anAuditEvent({
              action: 'user.signed_in',
              actorEmail: 'grace@example.com',
              targetEmail: 'grace@example.com',
            }),
          ],
          { pageSize: 10 },
        ),
      );
      await clicking;
      await harness.fixture.whenStable();
      const dialog = await documentLoader.getHarness(MatDialogHarness);
      const content = await dialog.getContentText();
      expect(content).toContain('grace@example.com');
      expect(content).toContain('Role changed');
      expect(content.replace(/\s+/g, ' ')).toContain(
        'Coordinator → Driver by ada@example.com',
      );
      expect(content).toContain('Signed in');
      expect(content.indexOf('Role changed')).toBeLessThan(
        content.indexOf('Signed in'),
      );
    });
  });
});
