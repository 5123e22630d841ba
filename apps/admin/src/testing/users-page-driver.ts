import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import { UsersPage } from '../app/users/users-page';
import { aPage, aUser, anApiError } from './factories';
import { provideHarnessFriendlyTesting } from './providers';
import { nextRequest } from './requests';

export const ada = aUser({
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  role: Role.Administrator,
  lastSignInAt: new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(),
});
export const grace = aUser({
  name: 'Grace Hopper',
  email: 'grace@example.com',
  role: Role.Driver,
});

const isList = (req: { method: string; url: string }) =>
  req.method === 'GET' && req.url === '/api/auth/users';

/** The People page on a router, its backend and harness loaders, for component specs. */
export class UsersPageDriver {
  backend!: HttpTestingController;
  harness!: RouterTestingHarness;
  loader!: HarnessLoader;
  documentLoader!: HarnessLoader;

  /** Opens `url` and answers its list request (`'fail'`: with a 500). */
  async open(
    url: string,
    answer: Page<User> | 'fail' = aPage([ada, grace]),
  ): Promise<TestRequest> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'users', component: UsersPage }]),
        provideHarnessFriendlyTesting(),
      ],
    });
    this.backend = TestBed.inject(HttpTestingController);
    this.harness = await RouterTestingHarness.create();
    await this.harness.navigateByUrl(url, UsersPage);
    const req = this.expectList();
    if (answer === 'fail') {
      req.flush(anApiError(500, 'Database unavailable'), {
        status: 500,
        statusText: 'Server Error',
      });
      await this.harness.fixture.whenStable();
    } else {
      await this.respond(req, answer);
    }
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    this.documentLoader = TestbedHarnessEnvironment.documentRootLoader(
      this.harness.fixture,
    );
    return req;
  }

  expectList(): TestRequest {
    TestBed.tick();
    return this.backend.expectOne(isList);
  }

  nextList(): Promise<TestRequest> {
    return nextRequest(this.backend, isList);
  }

  async respond(req: TestRequest, page: Page<User>): Promise<void> {
    req.flush(page);
    await this.harness.fixture.whenStable();
  }

  url(): string {
    return TestBed.inject(Router).url;
  }

  text(): string {
    return (this.harness.routeNativeElement as HTMLElement).textContent ?? '';
  }

  rowRole(user: User): Promise<MatSelectHarness> {
    return this.loader.getHarness(
      MatSelectHarness.with({
        selector: `[aria-label="Role of ${user.name}"]`,
      }),
    );
  }

  /** Opens the row menu of `user` and clicks `item` (then `subItem` of its submenu). */
  async menuItem(user: User, item: string, subItem?: string): Promise<void> {
    const menu = await this.loader.getHarness(
      MatMenuHarness.with({
        selector: `[aria-label="Actions for ${user.name}"]`,
      }),
    );
    if (subItem)
      await menu.clickItem({ text: new RegExp(item) }, { text: subItem });
    else await menu.clickItem({ text: new RegExp(`${item}$`) });
  }

  async snackBarMessage(): Promise<string> {
    return (
      await this.documentLoader.getHarness(MatSnackBarHarness)
    ).getMessage();
  }
}
