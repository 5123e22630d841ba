import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { DeliveriesQuery } from './webhooks-api';
import { WebhooksApi } from './webhooks-api';
import { TokensApi } from './tokens-api';

describe('WebhooksApi and TokensApi', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it('asks for no delivery log until an endpoint is chosen, then for its page', () => {
    const query = signal<DeliveriesQuery>({ page: 1, pageSize: 25 });
    const api = TestBed.inject(WebhooksApi);
    runInInjectionContext(TestBed.inject(Injector), () =>
      api.deliveries(query),
    );
    TestBed.tick();
    backend.expectNone(() => true);

    query.set({ webhook: 'a/b', page: 2, pageSize: 10 });
    TestBed.tick();
    const req = backend.expectOne((r) => r.method === 'GET');
    expect(req.request.urlWithParams).toBe(
      '/api/webhooks/a%2Fb/deliveries?page=2&pageSize=10',
    );
    req.flush({ items: [], total: 0, page: 2, pageSize: 10 });
  });

  it('posts test events and redeliveries without a body, to the endpoint’s own URLs', () => {
    const api = TestBed.inject(WebhooksApi);
    api.sendTest('w1').subscribe();
    api.redeliver('w1', 'd 9').subscribe();
    const test = backend.expectOne('/api/webhooks/w1/test');
    const again = backend.expectOne(
      '/api/webhooks/w1/deliveries/d%209/redeliver',
    );
    for (const req of [test, again]) {
      expect(req.request.method).toBe('POST');
      // These take no body, so none (and no JSON content type) is sent.
      expect(req.request.body).toBeNull();
      req.flush(null, { status: 202, statusText: 'Accepted' });
    }
  });

  it('revokes a token by its id', () => {
    TestBed.inject(TokensApi).revoke('t/1').subscribe();
    const req = backend.expectOne('/api/tokens/t%2F1');
    expect(req.request.method).toBe('DELETE');
    req.flush(null, { status: 204, statusText: 'No Content' });
  });
});
