import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aSession, aUser } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { pendingGuard } from '../core/auth-guards';
import { AuthStore } from '../core/auth-store';
import { WaitingPage } from './waiting-page';

@Component({
  template: 'account',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Elsewhere {}

describe('WaitingPage', () => {
  const ella = aUser({
    name: 'Ella Baker',
    email: 'ella@gmail.com',
    status: 'pending',
  });

  async function open() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideHarnessFriendlyTesting(),
        provideRouter([
          {
            path: 'waiting',
            component: WaitingPage,
            canActivate: [pendingGuard],
          },
          { path: '', component: Elsewhere },
          { path: 'account', component: Elsewhere },
        ]),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthStore);
    auth.refresh().subscribe();
    backend.expectOne('/api/auth/refresh').flush(aSession(ella));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/waiting');
    return {
      backend,
      harness,
      loader: TestbedHarnessEnvironment.loader(harness.fixture),
      text: () => (harness.routeNativeElement as HTMLElement).textContent ?? '',
    };
  }

  it('says who the person is and that an administrator can approve them', async () => {
    const { text, backend } = await open();
    expect(text()).toContain('Ella Baker (ella@gmail.com)');
    expect(text()).toContain(
      'ask one of your administrators to approve you under Access requests',
    );
    backend.verify();
  });

  it('checks again and stays while still pending, then leaves once approved', async () => {
    const { loader, backend, harness, text } = await open();
    const check = await loader.getHarness(
      MatButtonHarness.with({ text: 'Check again' }),
    );
    await check.click();
    backend.expectOne('/api/auth/refresh').flush(aSession(ella));
    await harness.fixture.whenStable();
    expect(text()).toContain('Your account still waits for approval.');

    await check.click();
    backend
      .expectOne('/api/auth/refresh')
      .flush(aSession({ ...ella, status: 'active' }));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    backend.verify();
  });
});
