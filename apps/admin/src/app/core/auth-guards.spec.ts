import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type {
  ActivatedRouteSnapshot,
  RouterStateSnapshot,
} from '@angular/router';
import { provideRouter, Router, UrlTree } from '@angular/router';
import type { User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import { aUser } from '../../testing/factories';
import { authGuard, roleGuard, signedOutGuard } from './auth-guards';
import { AuthStore } from './auth-store';

describe('guards', () => {
  function withUser(user: User | null) {
    const current = signal(user);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AuthStore,
          useValue: {
            user: current,
            signedIn: computed(() => current() !== null),
          },
        },
      ],
    });
  }

  const run = (guard: typeof authGuard) =>
    TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot),
    );
  const target = (result: unknown) =>
    result instanceof UrlTree
      ? TestBed.inject(Router).serializeUrl(result)
      : result;

  it('authGuard lets signed-in people through and sends others to /login', () => {
    withUser(aUser());
    expect(run(authGuard)).toBe(true);
    TestBed.resetTestingModule();
    withUser(null);
    expect(target(run(authGuard))).toBe('/login');
  });

  it('roleGuard admits the role and sends everyone else to /forbidden', () => {
    withUser(aUser({ role: Role.Coordinator }));
    expect(target(run(roleGuard(Role.Administrator)))).toBe('/forbidden');
    expect(run(roleGuard(Role.Administrator, Role.Coordinator))).toBe(true);
  });

  it('signedOutGuard sends signed-in people to where they start', () => {
    withUser(aUser({ role: Role.Administrator }));
    expect(target(run(signedOutGuard))).toBe('/dashboard');
    TestBed.resetTestingModule();
    withUser(aUser({ role: Role.Driver }));
    expect(target(run(signedOutGuard))).toBe('/account');
    TestBed.resetTestingModule();
    withUser(null);
    expect(run(signedOutGuard)).toBe(true);
  });
});
