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
import { provideRouter } from '@angular/router';
import { provideHarnessFriendlyTesting } from '../testing/providers';
import { App } from './app';
import { loadingInterceptor } from './core/loading';

describe('App', () => {
  it('shows one progress bar while any request is in flight', async () => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([loadingInterceptor])),
        provideHttpClientTesting(),
        provideHarnessFriendlyTesting(),
      ],
    });
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    const bars = () => element.querySelectorAll('mat-progress-bar').length;
    await fixture.whenStable();
    expect(bars()).toBe(0);

    const http = TestBed.inject(HttpClient);
    const backend = TestBed.inject(HttpTestingController);
    http.get('/api/a').subscribe();
    http.get('/api/b').subscribe({ error: () => undefined });
    await fixture.whenStable();
    expect(bars()).toBe(1);

    backend.expectOne('/api/a').flush({});
    await fixture.whenStable();
    expect(bars()).toBe(1);

    backend
      .expectOne('/api/b')
      .flush('boom', { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(bars()).toBe(0);
  });
});
