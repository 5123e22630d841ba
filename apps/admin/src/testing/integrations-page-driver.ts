import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HttpRequest } from '@angular/common/http';
import { provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { IntegrationsPage } from '../app/integrations/integrations-page';
import type { ApiToken, Webhook } from '@vip/shared-dto';
import { anApiError } from './factories';
import { provideHarnessFriendlyTesting } from './providers';
import { nextRequest } from './requests';

type Match = (req: HttpRequest<unknown>) => boolean;

export const isGet =
  (url: string): Match =>
  (req) =>
    req.method === 'GET' && req.url === url;

/** The Integrations page on a router, its backend and harness loaders, for component specs. */
export class IntegrationsPageDriver {
  backend!: HttpTestingController;
  harness!: RouterTestingHarness;
  loader!: HarnessLoader;
  documentLoader!: HarnessLoader;

  /**
   * Opens `url` and answers the lists it asks for (tokens only on the tokens tab);
   * `'fail'` answers with a 500. With `deliveries`, answers the delivery log the URL
   * names too, and returns its request.
   */
  async open(
    url: string,
    answers: {
      tokens?: ApiToken[] | 'fail';
      webhooks?: Webhook[];
      deliveries?: Page<WebhookDelivery>;
    },
  ): Promise<TestRequest | undefined> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'integrations', component: IntegrationsPage }]),
        provideHarnessFriendlyTesting(),
      ],
    });
    this.backend = TestBed.inject(HttpTestingController);
    this.harness = await RouterTestingHarness.create();
    await this.harness.navigateByUrl(url, IntegrationsPage);
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    this.documentLoader = TestbedHarnessEnvironment.documentRootLoader(
      this.harness.fixture,
    );
    // Every list is asked for before any answer: a loading one keeps the page unstable.
    const pending: [TestRequest, unknown][] = [];
    if (answers.webhooks)
      pending.push([await this.next(isGet('/api/webhooks')), answers.webhooks]);
    if (answers.tokens)
      pending.push([await this.next(isGet('/api/tokens')), answers.tokens]);
    for (const [req, body] of pending)
      if (body === 'fail')
        req.flush(anApiError(500, 'Database unavailable'), {
          status: 500,
          statusText: 'Server Error',
        });
      else req.flush(body);
    let deliveries: TestRequest | undefined;
    if (answers.deliveries) {
      deliveries = await this.next(
        (req) => req.method === 'GET' && req.url.endsWith('/deliveries'),
      );
      deliveries.flush(answers.deliveries);
    }
    await this.harness.fixture.whenStable();
    return deliveries;
  }

  next(match: Match): Promise<TestRequest> {
    return nextRequest(this.backend, match);
  }

  /**
   * Runs a harness action that makes the page load `match`, answering it: the action
   * finishes only once the page is stable again.
   */
  async act(
    action: Promise<unknown>,
    match: Match,
    body: unknown,
  ): Promise<TestRequest> {
    const req = await this.next(match);
    await this.respond(req, body);
    await action;
    return req;
  }

  async respond(req: TestRequest, body: unknown): Promise<void> {
    req.flush(body);
    await this.harness.fixture.whenStable();
  }

  async fail(req: TestRequest, status: number, message: string): Promise<void> {
    req.flush(anApiError(status, message), {
      status,
      statusText: 'Error',
    });
    await this.harness.fixture.whenStable();
  }

  url(): string {
    return TestBed.inject(Router).url;
  }

  text(): string {
    return (this.harness.routeNativeElement as HTMLElement).textContent ?? '';
  }

  button(selector: string): Promise<MatButtonHarness> {
    return this.loader.getHarness(MatButtonHarness.with({ selector }));
  }

  buttonWithText(text: string | RegExp): Promise<MatButtonHarness> {
    return this.loader.getHarness(MatButtonHarness.with({ text }));
  }

  dialog(): Promise<MatDialogHarness> {
    return this.documentLoader.getHarness(MatDialogHarness);
  }

  async dialogButton(text: string | RegExp): Promise<MatButtonHarness> {
    return (await this.dialog()).getHarness(MatButtonHarness.with({ text }));
  }

  async table(label: string): Promise<Record<string, string[]>> {
    const table = await this.loader.getHarness(
      MatTableHarness.with({ selector: `[aria-label="${label}"]` }),
    );
    const columns = await table.getCellTextByColumnName();
    return Object.fromEntries(
      Object.entries(columns).map(([name, column]) => [name, column.text]),
    );
  }

  async snackBarMessage(): Promise<string> {
    return (
      await this.documentLoader.getHarness(MatSnackBarHarness)
    ).getMessage();
  }
}
