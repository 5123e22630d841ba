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
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEvent, Page } from '@vip/shared-dto';
import { aPage, anAuditEvent } from '../../testing/factories';
import { nextRequest } from '../../testing/requests';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { AuditPage } from './audit-page';

describe('AuditPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  const demoted = anAuditEvent({
    action: 'user.role_changed',
    actorEmail: 'ada@example.com',
    targetEmail: 'grace@example.com',
    details: { before: { role: 'coordinator' }, after: { role: 'driver' } },
  });
  const refused = anAuditEvent({
    action: 'user.sign_in_refused',
    actorEmail: 'mallory@example.com',
    targetEmail: null,
    details: { reason: 'email_unverified', email: 'mallory@example.com' },
  });

  const isList = (req: { method: string; url: string }) =>
    req.method === 'GET' && req.url === '/api/audit-events';

  const nextList = () => nextRequest(backend, isList);

  async function respond(req: TestRequest, page: Page<AuditEvent>) {
    req.flush(page);
    await harness.fixture.whenStable();
  }

  async function open(url: string): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'audit', component: AuditPage }]),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AuditPage);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    return nextList();
  }

  const url = () => TestBed.inject(Router).url;
  const inputs = () => loader.getAllHarnesses(MatInputHarness);
  const actionFilter = () =>
    loader.getHarness(
      MatSelectHarness.with({ selector: '.filters mat-select' }),
    );

  afterEach(() => backend.verify());

  describe('opened from a link with filters', () => {
    it('asks the API for the filters, page and size the URL names, and shows them', async () => {
      const req = await open(
        '/audit?action=user.role_changed&actorEmail=ada@example.com' +
          '&targetEmail=grace@example.com&from=2026-11-01&to=2026-11-30' +
          '&page=2&pageSize=10',
      );
      const params = req.request.params;
      expect(params.get('action')).toBe('user.role_changed');
      expect(params.get('actorEmail')).toBe('ada@example.com');
      expect(params.get('targetEmail')).toBe('grace@example.com');
      expect(params.get('from')).toBe(
        new Date('2026-11-01T00:00:00').toISOString(),
      );
      expect(params.get('to')).toBe(
        new Date('2026-11-30T23:59:59.999').toISOString(),
      );
      expect(params.get('page')).toBe('2');
      expect(params.get('pageSize')).toBe('10');
      await respond(
        req,
        aPage([demoted], { total: 11, page: 2, pageSize: 10 }),
      );

      expect(await (await actionFilter()).getValueText()).toBe('Role changed');
      expect(
        await Promise.all((await inputs()).map((box) => box.getValue())),
      ).toEqual([
        'ada@example.com',
        'grace@example.com',
        '2026-11-01',
        '2026-11-30',
      ]);
      expect(
        await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel(),
      ).toBe('11 – 11 of 11');
    });

    it('leaves out what the API would refuse', async () => {
      const req = await open(
        '/audit?action=user.hacked&from=yesterday&page=-1',
      );
      expect(req.request.params.keys().sort()).toEqual(['page', 'pageSize']);
      expect(req.request.params.get('page')).toBe('1');
      await respond(req, aPage<AuditEvent>([]));
    });
  });

  describe('opened plain', () => {
    beforeEach(async () => {
      await respond(
        await open('/audit'),
        aPage([demoted, refused], { total: 60 }),
      );
    });

    it('shows the events the server returns, described', async () => {
      const table = await loader.getHarness(MatTableHarness);
      const rows = await table.getCellTextByColumnName();
      expect(rows['action'].text).toEqual(['Role changed', 'Sign-in refused']);
      expect(rows['actor'].text).toEqual([
        'ada@example.com',
        'mallory@example.com',
      ]);
      expect(rows['target'].text).toEqual(['grace@example.com', '—']);
      expect(rows['change'].text).toEqual([
        'Coordinator → Driver',
        'email not verified',
      ]);
      expect(
        await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel(),
      ).toBe('1 – 25 of 60');
    });

    it('sends the filters to the server and starts again at page 1', async () => {
      const paginator = await loader.getHarness(MatPaginatorHarness);
      const pageTwo = paginator.goToNextPage();
      const second = await nextList();
      expect(second.request.params.get('page')).toBe('2');
      expect(url()).toBe('/audit?page=2');
      await respond(second, aPage([refused], { total: 60, page: 2 }));
      await pageTwo;

      const action = await loader.getHarness(
        MatSelectHarness.with({ selector: '.filters mat-select' }),
      );
      await action.open();
      const choosing = action.clickOptions({ text: 'Role changed' });
      const filtered = await nextList();
      expect(filtered.request.params.get('action')).toBe('user.role_changed');
      expect(filtered.request.params.get('page')).toBe('1');
      expect(url()).toBe('/audit?action=user.role_changed');
      await respond(filtered, aPage([demoted]));
      await choosing;

      const target = (await loader.getAllHarnesses(MatInputHarness))[1];
      await target.setValue('Grace@Example.com');
      await target.blur();
      (await target.host()).dispatchEvent('change');
      const byTarget = await nextList();
      expect(byTarget.request.params.get('targetEmail')).toBe(
        'Grace@Example.com',
      );
      expect(byTarget.request.params.get('action')).toBe('user.role_changed');
      await respond(byTarget, aPage([demoted]));

      const from = (await loader.getAllHarnesses(MatInputHarness))[2];
      await from.setValue('2026-11-01');
      (await from.host()).dispatchEvent('change');
      const byTime = await nextList();
      expect(byTime.request.params.get('from')).toBe(
        new Date('2026-11-01T00:00:00').toISOString(),
      );
      expect(url()).toBe(
        '/audit?action=user.role_changed&targetEmail=Grace@Example.com&from=2026-11-01',
      );
      await respond(byTime, aPage([demoted]));

      const clearing = (
        await loader.getHarness(
          MatButtonHarness.with({ text: 'Clear filters' }),
        )
      ).click();
      const cleared = await nextList();
      expect(cleared.request.params.keys().sort()).toEqual([
        'page',
        'pageSize',
      ]);
      expect(url()).toBe('/audit');
      await respond(cleared, aPage([demoted, refused]));
      await clearing;
      expect(await (await actionFilter()).getValueText()).toBe('All actions');
    });

    it('downloads the CSV of the current filter through HttpClient, as a blob', async () => {
      const createObjectURL = jest.fn(() => 'blob:audit');
      const revokeObjectURL = jest.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      const click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => undefined);

      const action = await loader.getHarness(
        MatSelectHarness.with({ selector: '.filters mat-select' }),
      );
      await action.open();
      const choosing = action.clickOptions({ text: 'Sign-in refused' });
      await respond(await nextList(), aPage([refused]));
      await choosing;

      await (
        await loader.getHarness(MatButtonHarness.with({ text: /Download CSV/ }))
      ).click();
      const req = backend.expectOne((r) => r.url === '/api/audit-events.csv');
      expect(req.request.responseType).toBe('blob');
      expect(req.request.params.get('action')).toBe('user.sign_in_refused');
      expect(req.request.params.has('page')).toBe(false);
      req.flush(new Blob(['id\r\n'], { type: 'text/csv' }));
      await harness.fixture.whenStable();
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(click).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:audit');
      click.mockRestore();
    });
  });
});
