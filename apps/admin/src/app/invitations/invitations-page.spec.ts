import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ImportResult, Invitation, Page } from '@vip/shared-dto';
import { aPage, anApiError, anInvitation } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { nextRequest } from '../../testing/requests';
import { InvitationsPage } from './invitations-page';

const pat = anInvitation({ email: 'pat.driver@gmail.com' });
const sam = anInvitation({
  email: 'sam@example.com',
  role: 'coordinator',
  state: 'accepted',
});

describe('InvitationsPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let documentLoader: HarnessLoader;

  const isList = (req: { method: string; url: string }) =>
    req.method === 'GET' && req.url === '/api/invitations';
  const nextList = () => nextRequest(backend, isList);

  async function respond(req: TestRequest, page: Page<Invitation>) {
    req.flush(page);
    await harness.fixture.whenStable();
  }

  async function open(url = '/invitations'): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'invitations', component: InvitationsPage }]),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, InvitationsPage);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    documentLoader = TestbedHarnessEnvironment.documentRootLoader(
      harness.fixture,
    );
    const req = await nextList();
    await respond(req, aPage([pat, sam]));
    return req;
  }

  const url = () => TestBed.inject(Router).url;
  const button = (selector: string) =>
    loader.getHarness(MatButtonHarness.with({ selector }));
  const snackBar = async () =>
    (await documentLoader.getHarness(MatSnackBarHarness)).getMessage();

  afterEach(() => backend.verify());

  it('asks for the state, search and sort in the URL and shows each invitation with its state', async () => {
    const req = await open(
      '/invitations?state=pending&search=gmail&sort=-expiresAt',
    );
    expect(req.request.params.get('state')).toBe('pending');
    expect(req.request.params.get('search')).toBe('gmail');
    expect(req.request.params.get('sort')).toBe('-expiresAt');
    const rows = await (
      await loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['email'].text).toEqual([
      'pat.driver@gmail.com',
      'sam@example.com',
    ]);
    expect(rows['state'].text).toEqual(['Pending', 'Accepted']);
    expect(rows['role'].text).toEqual(['Driver', 'Coordinator']);
    const chips = await loader.getHarness(MatChipListboxHarness);
    const selected = await chips.getChips({ selected: true });
    expect(await selected[0].getText()).toBe('Pending');
  });

  it('filters by state with the chips, in the URL', async () => {
    await open();
    const chips = await loader.getHarness(MatChipListboxHarness);
    const choosing = chips.selectChips({ text: 'Revoked' });
    const req = await nextList();
    expect(req.request.params.get('state')).toBe('revoked');
    await respond(req, aPage<Invitation>([]));
    await choosing;
    expect(url()).toBe('/invitations?state=revoked');
    expect((harness.routeNativeElement as HTMLElement).textContent).toContain(
      'No revoked invitations.',
    );
  });

  it('copies a sign-in link that carries the email, for pending invitations only', async () => {
    await open();
    const copy = jest
      .spyOn(TestBed.inject(Clipboard), 'copy')
      .mockReturnValue(true);
    await (
      await button('[aria-label="Copy sign-in link for pat.driver@gmail.com"]')
    ).click();
    expect(copy).toHaveBeenCalledWith(
      `${location.origin}/login?email=pat.driver%40gmail.com`,
    );
    expect(await snackBar()).toBe(
      'Sign-in link for pat.driver@gmail.com copied.',
    );
    expect(
      await loader.getAllHarnesses(
        MatButtonHarness.with({
          selector: '[aria-label="Copy sign-in link for sam@example.com"]',
        }),
      ),
    ).toHaveLength(0);
  });

  it('revokes after a confirmation naming the email, then reloads', async () => {
    await open();
    await (
      await button(
        '[aria-label="Revoke the invitation of pat.driver@gmail.com"]',
      )
    ).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe(
      'Revoke the invitation of pat.driver@gmail.com?',
    );
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke' }))
    ).click();
    const req = backend.expectOne(`/api/invitations/${pat.id}`);
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await respond(await nextList(), aPage([{ ...pat, state: 'revoked' }, sam]));
  });

  it('invites an email with a role and an expiry', async () => {
    await open();
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Invite$/ }))
    ).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    const email = await dialog.getHarness(
      MatInputHarness.with({ selector: '[type="email"]' }),
    );
    await email.setValue('new.driver@gmail.com');
    const days = await dialog.getHarness(
      MatInputHarness.with({ selector: '[type="number"]' }),
    );
    expect(await days.getValue()).toBe('14');
    await days.setValue('7');
    await (
      await dialog.getHarness(MatSelectHarness)
    ).clickOptions({
      text: 'Coordinator',
    });
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: 'Invite' }))
    ).click();
    const req = backend.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/invitations',
    );
    expect(req.request.body).toEqual({
      email: 'new.driver@gmail.com',
      role: 'coordinator',
      expiresInDays: 7,
    });
    req.flush(anInvitation({ email: 'new.driver@gmail.com' }));
    await respond(await nextList(), aPage([pat, sam]));
    expect(await snackBar()).toBe('new.driver@gmail.com is invited.');
  });

  it('shows why an invitation was refused and keeps the dialog open', async () => {
    await open();
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Invite$/ }))
    ).click();
    const dialog = await documentLoader.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(
        MatInputHarness.with({ selector: '[type="email"]' }),
      )
    ).setValue('sam@example.com');
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: 'Invite' }))
    ).click();
    backend
      .expectOne((r) => r.method === 'POST')
      .flush(
        anApiError(409, 'sam@example.com already has an account', 'Conflict'),
        {
          status: 409,
          statusText: 'Conflict',
        },
      );
    await harness.fixture.whenStable();
    expect(await dialog.getContentText()).toContain(
      'sam@example.com already has an account',
    );
  });

  describe('importing a roster', () => {
    async function chooseFile(csv: string) {
      await (
        await loader.getHarness(MatButtonHarness.with({ text: /Import CSV/ }))
      ).click();
      const dialog = await documentLoader.getHarness(MatDialogHarness);
      const input = document.querySelector<HTMLInputElement>('#roster-file');
      if (!input) throw new Error('no file input');
      const file = new File([csv], 'roster.csv', { type: 'text/csv' });
      Object.defineProperty(input, 'files', {
        value: [file],
        configurable: true,
      });
      input.dispatchEvent(new Event('change'));
      const preview = await nextRequest(
        backend,
        (r) => r.url === '/api/invitations/import',
      );
      return { dialog, preview };
    }

    const importButton = (dialog: MatDialogHarness) =>
      dialog.getHarness(MatButtonHarness.with({ text: /^Import/ }));

    it('previews a bad file row by row and refuses to import it', async () => {
      await open();
      const csv = 'email,role\npat@gmail.com,driver\nnot-an-email,pilot\n';
      const { dialog, preview } = await chooseFile(csv);
      expect(preview.request.method).toBe('POST');
      expect(preview.request.params.get('dryRun')).toBe('true');
      expect(preview.request.body).toBe(csv);
      expect(preview.request.headers.get('content-type')).toBe('text/csv');
      const refused: ImportResult = {
        rows: [
          { line: 2, email: 'pat@gmail.com', role: 'driver' },
          {
            line: 3,
            email: 'not-an-email',
            role: 'pilot',
            error: 'not an email address',
          },
        ],
        created: 0,
      };
      preview.flush(refused, { status: 400, statusText: 'Bad Request' });
      await harness.fixture.whenStable();
      const table = await dialog.getHarness(MatTableHarness);
      const rows = await table.getCellTextByColumnName();
      expect(rows['line'].text).toEqual(['2', '3']);
      expect(rows['verdict'].text).toEqual(['OK', 'not an email address']);
      expect(await dialog.getContentText()).toContain(
        '1 of 2 rows have a problem.',
      );
      expect(await (await importButton(dialog)).isDisabled()).toBe(true);
    });

    it('imports a clean file after its preview, then reloads the list', async () => {
      await open();
      const csv = 'email,role\npat@gmail.com,driver\n';
      const { dialog, preview } = await chooseFile(csv);
      preview.flush({
        rows: [{ line: 2, email: 'pat@gmail.com', role: 'driver' }],
        created: 0,
      });
      await harness.fixture.whenStable();
      const go = await importButton(dialog);
      expect(await go.getText()).toBe('Import 1 invitation');
      await go.click();
      const req = backend.expectOne(
        (r) => r.url === '/api/invitations/import' && !r.params.has('dryRun'),
      );
      expect(req.request.body).toBe(csv);
      req.flush({
        rows: [{ line: 2, email: 'pat@gmail.com', role: 'driver' }],
        created: 1,
      });
      await respond(await nextList(), aPage([pat, sam]));
      expect(await snackBar()).toBe('1 invitation imported.');
    });
  });
});
