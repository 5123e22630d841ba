import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { provideRouter } from '@angular/router';
import type { UserStats } from '@vip/shared-dto';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { DashboardPage } from './dashboard-page';

const stats: UserStats = {
  generatedAt: '2026-11-30T12:00:00.000Z',
  roles: [
    { role: 'administrator', count: 1 },
    { role: 'coordinator', count: 3 },
    { role: 'driver', count: 0 },
  ],
  signInsPerDay: Array.from({ length: 30 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10),
    count: i % 4,
  })),
  newAccountsPerWeek: Array.from({ length: 12 }, (_, i) => ({
    weekStart: new Date(Date.UTC(2026, 8, 7 + 7 * i))
      .toISOString()
      .slice(0, 10),
    count: i === 11 ? 2 : 0,
  })),
  dormant: {
    count: 2,
    items: [
      { email: 'old@example.com', name: 'Old Timer', lastSignInAt: null },
      {
        email: 'quiet@example.com',
        name: 'Quiet One',
        lastSignInAt: '2026-09-01T10:00:00.000Z',
      },
    ],
  },
};

describe('DashboardPage', () => {
  async function render(answer: UserStats | 'fail' = stats) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideHarnessFriendlyTesting(),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DashboardPage);
    TestBed.tick();
    const req = backend.expectOne('/api/auth/users/stats');
    if (answer === 'fail')
      req.flush(
        { statusCode: 500, error: 'Error', message: 'Database unavailable' },
        { status: 500, statusText: 'Server Error' },
      );
    else req.flush(answer);
    await fixture.whenStable();
    return {
      fixture,
      element: fixture.nativeElement as HTMLElement,
      loader: TestbedHarnessEnvironment.loader(fixture),
      backend,
    };
  }

  it('shows role distribution, both charts and the dormant accounts', async () => {
    const { element, loader } = await render();
    const titles = await Promise.all(
      (await loader.getAllHarnesses(MatCardHarness)).map((card) =>
        card.getTitleText(),
      ),
    );
    expect(titles).toEqual([
      'People by role',
      'Sign-ins',
      'New accounts',
      'Dormant accounts (2)',
    ]);

    const roles = Array.from(element.querySelectorAll('.roles li')).map(
      (li) =>
        `${li.querySelector('.role-label')?.textContent} ${li.querySelector('.count')?.textContent}`,
    );
    expect(roles).toEqual(['Administrator 1', 'Coordinator 3', 'Driver 0']);
    expect(
      (element.querySelectorAll('.roles .fill')[1] as HTMLElement).style.width,
    ).toBe('75%');

    const charts = element.querySelectorAll('vip-bar-chart');
    expect(charts[0].querySelectorAll('rect.bar')).toHaveLength(30);
    expect(charts[1].querySelectorAll('rect.bar')).toHaveLength(12);
    // The numbers are there for screen readers, too.
    const firstRow = charts[0].querySelector('table tr');
    expect(
      Array.from(firstRow?.children ?? []).map((cell) => cell.textContent),
    ).toEqual(['2026-11-01', '0']);
    expect(
      charts[1].querySelector('rect.bar:last-of-type title')?.textContent,
    ).toBe('Week of 2026-11-23: 2');
  });

  it('links each dormant person to the people page, searched for them', async () => {
    const { element } = await render();
    const links = Array.from(
      element.querySelectorAll<HTMLAnchorElement>('.dormant-list a'),
    );
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Old Timer',
      'Quiet One',
    ]);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/users?search=old@example.com',
      '/users?search=quiet@example.com',
    ]);
    expect(element.querySelector('.dormant-list')?.textContent).toContain(
      'never signed in',
    );
  });

  it('says when the numbers cannot be loaded', async () => {
    const { element } = await render('fail');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The numbers could not be loaded',
    );
  });
});
