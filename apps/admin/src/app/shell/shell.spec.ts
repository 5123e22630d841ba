import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import type { User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import { aUser } from '../../testing/factories';
import { provideHarnessFriendlyTesting } from '../../testing/providers';
import { AuthStore } from '../core/auth-store';
import { PendingCount } from '../requests/pending-count';
import { Shell } from './shell';

describe('Shell', () => {
  async function render(user: User | null, waiting = 0) {
    const current = signal(user);
    const auth = {
      user: current.asReadonly(),
      isAdministrator: computed(() => current()?.role === Role.Administrator),
      signOut: jest.fn(),
    };
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        provideHarnessFriendlyTesting(),
        { provide: AuthStore, useValue: auth },
        { provide: PendingCount, useValue: { count: signal(waiting) } },
      ],
    });
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const navLabels = () =>
      Array.from(element.querySelectorAll('nav[aria-label="Main"] a')).map(
        (a) => a.textContent?.trim(),
      );
    return {
      fixture,
      element,
      auth,
      navLabels,
      loader: TestbedHarnessEnvironment.loader(fixture),
    };
  }

  it('shows administrators every administration link and their name and role', async () => {
    const { element, navLabels } = await render(
      aUser({ name: 'Ada Lovelace', role: Role.Administrator }),
    );
    expect(navLabels()).toEqual([
      'insightsDashboard',
      'groupPeople',
      'how_to_regAccess requests',
      'mailInvitations',
      'historyAudit trail',
      'hubIntegrations',
      'settingsSettings',
      'account_circleMy account',
    ]);
    expect(element.querySelector('header')?.textContent).toContain(
      'Ada Lovelace',
    );
    expect(element.querySelector('header')?.textContent).toContain(
      'Administrator',
    );
    expect(element.querySelector('main')).not.toBeNull();
  });

  it('hides the People link from everyone else', async () => {
    const { navLabels } = await render(aUser({ role: Role.Driver }));
    expect(navLabels()).toEqual(['account_circleMy account']);
  });

  it('counts the people waiting for approval beside Access requests', async () => {
    const { element } = await render(aUser({ role: Role.Administrator }), 3);
    const link = element.querySelector('a[href="/requests"]');
    expect(
      link?.querySelector('.badge')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('3 waiting');
  });

  it('shows someone waiting for approval no links at all', async () => {
    const { navLabels } = await render(aUser({ status: 'pending' }));
    expect(navLabels()).toEqual([]);
  });

  it('falls back to initials when there is no picture', async () => {
    const { element } = await render(
      aUser({ name: 'Grace Brewster Hopper', picture: null }),
    );
    expect(element.querySelector('vip-user-avatar')?.textContent?.trim()).toBe(
      'GH',
    );
    expect(element.querySelector('vip-user-avatar img')).toBeNull();
  });

  it('signs out from the toolbar', async () => {
    const { loader, auth } = await render(aUser());
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Sign out/ }))
    ).click();
    expect(auth.signOut).toHaveBeenCalledTimes(1);
  });

  it('offers sign-in instead when nobody is signed in', async () => {
    const { loader, navLabels } = await render(null);
    expect(
      await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Sign in' })),
    ).toHaveLength(1);
    expect(navLabels()).toEqual([]);
  });
});
