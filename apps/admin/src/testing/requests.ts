import type { HttpRequest } from '@angular/common/http';
import type {
  HttpTestingController,
  TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

/**
 * The one request `match` finds, waited for without waiting for stability: a loading
 * resource keeps the page unstable, so a harness action that reloads finishes only after
 * the answer.
 */
export async function nextRequest(
  backend: HttpTestingController,
  match: (req: HttpRequest<unknown>) => boolean,
): Promise<TestRequest> {
  for (let attempt = 0; attempt < 100; attempt++) {
    TestBed.tick();
    const found = backend.match(match);
    if (found.length > 1)
      throw new Error(`Expected one request, got ${found.length}`);
    if (found.length === 1) return found[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('The request was not sent');
}
