import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { aSession, aUser, anApiError } from '../../testing/factories';
import { authInterceptor } from './auth-interceptor';
import { AuthStore } from './auth-store';
import { skipAuth } from './skip-auth';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
  });

  afterEach(() => backend.verify());

  async function signIn(token: string) {
    const signedIn = firstValueFrom(auth.refresh());
    backend.expectOne('/api/auth/refresh').flush(aSession(aUser(), token));
    await signedIn;
  }

  it('adds the bearer token to API requests', async () => {
    await signIn('token-1');
    http.get('/api/auth/me').subscribe();
    const req = backend.expectOne('/api/auth/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-1');
    req.flush(aUser());
  });

  it('sends no token with requests that skip auth (the session calls) or to other origins', async () => {
    await signIn('token-1');
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    auth.refresh().subscribe();
    auth.signOut();
    http.get('/api/auth/config', { context: skipAuth() }).subscribe();
    http.get('https://example.com/api/x').subscribe();
    for (const url of [
      '/api/auth/refresh',
      '/api/auth/logout',
      '/api/auth/config',
      'https://example.com/api/x',
    ]) {
      const req = backend.expectOne(url);
      expect(req.request.headers.has('Authorization')).toBe(false);
      req.flush(null);
    }
  });

  it('never refreshes for a request that skips auth: its 401 is the answer', async () => {
    await signIn('token-1');
    let failure: unknown;
    auth
      .devLogin({ email: 'ada@example.com', name: 'Ada' })
      .subscribe({ error: (error) => (failure = error) });
    const req = backend.expectOne('/api/auth/dev-login');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(anApiError(401, 'Unauthorized'), {
      status: 401,
      statusText: 'Unauthorized',
    });
    expect(failure).toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
    expect(auth.accessToken()).toBe('token-1');
  });

  it('refreshes once on 401, shared by concurrent requests, and retries with the new token', async () => {
    await signIn('old-token');
    const answers: unknown[] = [];
    http.get('/api/auth/me').subscribe((body) => answers.push(body));
    http.get('/api/auth/users').subscribe((body) => answers.push(body));

    for (const url of ['/api/auth/me', '/api/auth/users']) {
      backend.expectOne(url).flush(anApiError(401, 'Unauthorized'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    }
    // One refresh for both.
    backend
      .expectOne('/api/auth/refresh')
      .flush(aSession(aUser(), 'new-token'));

    const retries = backend.match(
      (req) => req.url === '/api/auth/me' || req.url === '/api/auth/users',
    );
    expect(retries).toHaveLength(2);
    for (const retry of retries) {
      expect(retry.request.headers.get('Authorization')).toBe(
        'Bearer new-token',
      );
      retry.flush({ ok: retry.request.url });
    }
    expect(answers).toEqual(
      expect.arrayContaining([
        { ok: '/api/auth/me' },
        { ok: '/api/auth/users' },
      ]),
    );
    expect(auth.accessToken()).toBe('new-token');
  });

  it('does not refresh a second time when the retry is refused too', async () => {
    await signIn('old-token');
    let failure: unknown;
    http.get('/api/auth/me').subscribe({ error: (error) => (failure = error) });
    backend
      .expectOne('/api/auth/me')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/auth/refresh')
      .flush(aSession(aUser(), 'new-token'));
    backend
      .expectOne('/api/auth/me')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(failure).toMatchObject({ status: 401 });
  });

  it('signs out and goes to /login, saying the session ended, when the refresh fails', async () => {
    await signIn('old-token');
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigateByUrl')
      .mockResolvedValue(true);
    let failure: unknown;
    http.get('/api/auth/me').subscribe({ error: (error) => (failure = error) });
    backend
      .expectOne('/api/auth/me')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/auth/refresh')
      .flush(anApiError(401, 'No session'), {
        status: 401,
        statusText: 'Unauthorized',
      });

    expect(failure).toMatchObject({ status: 401 });
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login?session=ended');
  });

  it('passes other errors through untouched', async () => {
    await signIn('token-1');
    let failure: unknown;
    http
      .get('/api/auth/users')
      .subscribe({ error: (error) => (failure = error) });
    backend.expectOne('/api/auth/users').flush(anApiError(403, 'Forbidden'), {
      status: 403,
      statusText: 'Forbidden',
    });
    expect(failure).toMatchObject({ status: 403 });
    backend.expectNone('/api/auth/refresh');
  });
});
