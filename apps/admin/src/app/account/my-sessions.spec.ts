import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { Session } from '@vip/shared-dto';
import { aSignInSession } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { nextRequest } from '../../testing/requests';
import { MySessions } from './my-sessions';
import { describeBrowser } from './sessions-api';

const here = aSignInSession({ current: true, ip: '198.51.100.1' });
const phone = aSignInSession({
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  ip: '203.0.113.9',
});

describe('MySessions', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MySessions>;
  let loader: HarnessLoader;

  const isList = (req: { method: string; url: string }) =>
    req.method === 'GET' && req.url === '/api/auth/sessions';

  async function answer(sessions: Session[]) {
    (await nextRequest(backend, isList)).flush(sessions);
    await fixture.whenStable();
  }

  async function open(sessions: Session[]) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideHarnessFriendlyTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MySessions);
    await answer(sessions);
    loader = TestbedHarnessEnvironment.loader(fixture);
  }

  afterEach(() => backend.verify());

  it('lists each session with its browser, IP and times, and marks this device', async () => {
    await open([here, phone]);
    const rows = await (
      await loader.getHarness(MatTableHarness)
    ).getCellTextByColumnName();
    expect(rows['browser'].text).toEqual([
      'Chrome on Linux This device',
      'Safari on iOS',
    ]);
    expect(rows['ip'].text).toEqual(['198.51.100.1', '203.0.113.9']);
    // This device cannot be ended from here: that is what "Sign out" is for.
    const ends = await loader.getAllHarnesses(
      MatButtonHarness.with({ text: 'End' }),
    );
    expect(ends).toHaveLength(1);
  });

  it('ends one other session and reloads the list', async () => {
    await open([here, phone]);
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'End' }))
    ).click();
    const end = backend.expectOne(`/api/auth/sessions/${phone.id}`);
    expect(end.request.method).toBe('DELETE');
    end.flush(null, { status: 204, statusText: 'No Content' });
    await answer([here]);
    expect(
      await loader.getAllHarnesses(MatButtonHarness.with({ text: 'End' })),
    ).toHaveLength(0);
  });

  it('signs out everywhere else after confirmation, and offers it only when there is somewhere else', async () => {
    await open([here, phone]);
    const everywhere = await loader.getHarness(
      MatButtonHarness.with({ text: 'Sign out everywhere else' }),
    );
    await everywhere.click();
    const dialog =
      await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(
        MatDialogHarness,
      );
    expect(await dialog.getContentText()).toContain(
      'Your 1 other session will end',
    );
    backend.expectNone((req) => req.method === 'DELETE');
    await (
      await dialog.getHarness(
        MatButtonHarness.with({ text: 'Sign out everywhere else' }),
      )
    ).click();
    const req = backend.expectOne('/api/auth/sessions');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await answer([here]);
    expect(await everywhere.isDisabled()).toBe(true);
  });
});

describe('describeBrowser', () => {
  it('names the browser and system, or says it does not know', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      describeBrowser(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0',
      ),
    ).toBe('Firefox on macOS');
    expect(describeBrowser(null)).toBe('Unknown browser');
  });
});
