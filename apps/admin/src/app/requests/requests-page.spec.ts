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
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, User } from '@vip/shared-dto';
import { aPage, aUser, anApiError } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { nextRequest } from '../../testing/requests';
import { PendingCount } from './pending-count';
import { RequestsPage } from './requests-page';

const linus = aUser({
  name: 'Linus Pauling',
  email: 'linus@example.com',
  status: 'pending',
});
const rosalind = aUser({
  name: 'Rosalind Franklin',
  email: 'rosalind@example.com',
  status: 'pending',
});

describe('RequestsPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let documentLoader: HarnessLoader;
  const pending = { reload: jest.fn() };

  const isList = (req: { method: string; url: string }) =>
    req.method === 'GET' && req.url === '/api/auth/users';

  async function respond(req: TestRequest, page: Page<User>) {
    req.flush(page);
    await harness.fixture.whenStable();
  }

  async function open(
    url = '/requests',
    defaultRole: 'coordinator' | 'driver' = 'coordinator',
  ): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'requests', component: RequestsPage }]),
        provideHarnessFriendlyTesting(),
        { provide: PendingCount, useValue: pending },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, RequestsPage);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    documentLoader = TestbedHarnessEnvironment.documentRootLoader(
      harness.fixture,
    );
    (await nextRequest(backend, (r) => r.url === '/api/settings')).flush({
      signUpPolicy: 'approval',
      defaultRole,
    });
    const req = await nextRequest(backend, isList);
    await respond(req, aPage([linus, rosalind]));
    return req;
  }

  const button = (label: string) =>
    loader.getHarness(
      MatButtonHarness.with({ selector: `[aria-label="${label}"]` }),
    );
  const snackBar = async () =>
    (await documentLoader.getHarness(MatSnackBarHarness)).getMessage();

  afterEach(() => {
    backend.verify();
    pending.reload.mockReset();
  });

  it('lists only pending accounts, oldest request first unless the URL sorts otherwise', async () => {
    const req = await open();
    expect(req.request.params.get('status')).toBe('pending');
    expect(req.request.params.get('sort')).toBe('createdAt');
    const rows = await (
      await loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['name'].text).toEqual(['Linus Pauling', 'Rosalind Franklin']);
  });

  it('approves a person with the role chosen in their row, then reloads the list and the badge', async () => {
    await open();
    const role = await loader.getHarness(
      MatSelectHarness.with({
        selector: '[aria-label="Role for Rosalind Franklin"]',
      }),
    );
    expect(await role.getValueText()).toBe('Coordinator');
    await role.clickOptions({ text: 'Driver' });
    await (await button('Approve Rosalind Franklin')).click();
    const approve = backend.expectOne(
      '/api/auth/users/rosalind%40example.com/approve',
    );
    expect(approve.request.method).toBe('POST');
    expect(approve.request.body).toEqual({ role: 'driver' });
    approve.flush({ ...rosalind, status: 'active', role: 'driver' });
    await respond(await nextRequest(backend, isList), aPage([linus]));
    expect(pending.reload).toHaveBeenCalled();
    expect(await snackBar()).toBe('Rosalind Franklin was approved as driver.');
  });

  it('rejects only after a confirmation that names the person', async () => {
    await open();
    await (await button('Reject Linus Pauling')).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Reject Linus Pauling?');
    expect(await dialog.getContentText()).toContain('linus@example.com');
    backend.expectNone((req) => req.method === 'POST');
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: 'Reject' }))
    ).click();
    const reject = backend.expectOne(
      '/api/auth/users/linus%40example.com/reject',
    );
    expect(reject.request.method).toBe('POST');
    reject.flush(null, { status: 204, statusText: 'No Content' });
    await respond(await nextRequest(backend, isList), aPage([rosalind]));
    expect(await snackBar()).toBe('Linus Pauling was rejected.');
  });

  it('offers the default role of the settings for each approval', async () => {
    await open('/requests', 'driver');
    const role = await loader.getHarness(
      MatSelectHarness.with({
        selector: '[aria-label="Role for Linus Pauling"]',
      }),
    );
    expect(await role.getValueText()).toBe('Driver');
    await (await button('Approve Linus Pauling')).click();
    const approve = backend.expectOne(
      '/api/auth/users/linus%40example.com/approve',
    );
    expect(approve.request.body).toEqual({ role: 'driver' });
    approve.flush({ ...linus, status: 'active', role: 'driver' });
    await respond(await nextRequest(backend, isList), aPage([rosalind]));
  });

  it('says another administrator decided first when the server answers 409', async () => {
    await open();
    await (await button('Approve Linus Pauling')).click();
    backend
      .expectOne('/api/auth/users/linus%40example.com/approve')
      .flush(anApiError(409, 'Not pending', 'Conflict'), {
        status: 409,
        statusText: 'Conflict',
      });
    await respond(await nextRequest(backend, isList), aPage([rosalind]));
    expect(await snackBar()).toBe(
      'Linus Pauling no longer waits: another administrator decided first.',
    );
  });
});
