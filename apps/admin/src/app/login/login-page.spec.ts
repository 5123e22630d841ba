import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuthConfigResponse } from '@vip/shared-dto';
import { aSession, aUser } from '../../testing/factories';
import { AuthStore } from '../core/auth-store';
import { LoginPage } from './login-page';

@Component({
  template: 'landing',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Landing {}

describe('LoginPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function open(url: string, config: AuthConfigResponse) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'login', component: LoginPage },
            { path: '', component: Landing },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, LoginPage);
    TestBed.tick();
    backend.expectOne('/api/auth/config').flush(config);
    await harness.fixture.whenStable();
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  const text = () =>
    (harness.routeNativeElement as HTMLElement).textContent ?? '';

  afterEach(() => backend.verify());

  it('offers Google sign-in as a plain link to /api/auth/google and no dev form by default', async () => {
    await open('/login', { google: true, devLogin: false });

    const google = await loader.getHarness(
      MatButtonHarness.with({ text: 'Sign in with Google' }),
    );
    expect(await google.isDisabled()).toBe(false);
    expect(await (await google.host()).getAttribute('href')).toBe(
      '/api/auth/google',
    );
    expect(await loader.getAllHarnesses(MatInputHarness)).toHaveLength(0);
    expect(text()).not.toContain('Development sign-in');
  });

  it('disables the Google button with a hint when Google is not configured', async () => {
    await open('/login', { google: false, devLogin: true });

    const google = await loader.getHarness(
      MatButtonHarness.with({ text: 'Sign in with Google' }),
    );
    expect(await google.isDisabled()).toBe(true);
    expect(text()).toContain(
      'Google sign-in is not configured on this server.',
    );
  });

  it('shows the labelled dev form when dev sign-in is on, and signs in through it', async () => {
    await open('/login', { google: false, devLogin: true });

    const email = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Email' }),
    );
    const name = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Name' }),
    );
    await ((await email.getControl()) as MatInputHarness).setValue(
      'ada@example.com',
    );
    await ((await name.getControl()) as MatInputHarness).setValue(
      'Ada Lovelace',
    );
    await (
      await loader.getHarness(
        MatButtonHarness.with({ text: 'Sign in as this person' }),
      )
    ).click();

    const req = backend.expectOne('/api/auth/dev-login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
    const user = aUser({ email: 'ada@example.com', name: 'Ada Lovelace' });
    req.flush(aSession(user, 'dev-token'));
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()).toEqual(user);
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('does not post an incomplete dev form', async () => {
    await open('/login', { google: false, devLogin: true });
    await (
      await loader.getHarness(
        MatButtonHarness.with({ text: 'Sign in as this person' }),
      )
    ).click();
    backend.expectNone('/api/auth/dev-login');
    expect(text()).toContain('Email is required.');
  });

  it('turns ?error=domain_not_allowed into a sentence', async () => {
    await open('/login?error=domain_not_allowed', {
      google: true,
      devLogin: false,
    });

    const alert = (harness.routeNativeElement as HTMLElement).querySelector(
      '[role="alert"]',
    );
    expect(alert?.textContent).toContain(
      'Your email address is not from a domain allowed to use VIP Coordinator.',
    );
    expect(text()).not.toContain('domain_not_allowed');
  });

  it('passes the email of a shared sign-in link to Google as the login hint, and pre-fills it', async () => {
    await open('/login?email=pat.driver%40gmail.com', {
      google: true,
      devLogin: true,
    });
    const google = await loader.getHarness(
      MatButtonHarness.with({ text: 'Sign in with Google' }),
    );
    expect(await (await google.host()).getAttribute('href')).toBe(
      '/api/auth/google?login_hint=pat.driver%40gmail.com',
    );
    const email = await loader.getHarness(
      MatInputHarness.with({ selector: '[type="email"]' }),
    );
    expect(await email.getValue()).toBe('pat.driver@gmail.com');
  });

  it('says the session ended when the server signed the person out', async () => {
    await open('/login?session=ended', { google: true, devLogin: false });
    expect(text()).toContain(
      'You were signed out: your session was ended elsewhere, or your account was disabled.',
    );
  });
});
