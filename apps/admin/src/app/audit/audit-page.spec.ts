import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { AuditEvent, Page } from '@vip/shared-dto';
import { aPage, anAuditEvent } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { AuditPage } from './audit-page';

describe('AuditPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<AuditPage>;
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

  async function nextList(): Promise<TestRequest> {
    for (let attempt = 0; attempt < 100; attempt++) {
      TestBed.tick();
      const found = backend.match(isList);
      if (found.length > 1)
        throw new Error(`Expected one list request, got ${found.length}`);
      if (found.length === 1) return found[0];
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('No list request was sent');
  }

  async function respond(req: TestRequest, page: Page<AuditEvent>) {
    req.flush(page);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditPage);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await respond(await nextList(), aPage([demoted, refused], { total: 60 }));
  });

  afterEach(() => backend.verify());

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
    await respond(byTime, aPage([demoted]));
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
    await fixture.whenStable();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:audit');
    click.mockRestore();
  });
});
