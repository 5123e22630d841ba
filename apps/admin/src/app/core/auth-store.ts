import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  AccessTokenResponse,
  DevLoginRequest,
  User,
} from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import {
  catchError,
  finalize,
  map,
  of,
  shareReplay,
  tap,
  throwError,
} from 'rxjs';
import { skipAuth } from './skip-auth';

/**
 * Who is signed in. The access token lives in memory only: the long-lived session is
 * an httpOnly cookie scoped to /api/auth, so a reload recovers it through `refresh()`.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);

  private readonly session = signal<AccessTokenResponse | null>(null);
  private inFlightRefresh: Observable<AccessTokenResponse | null> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  readonly isAdministrator = computed(
    () => this.user()?.role === Role.Administrator,
  );

  /**
   * Exchanges the session cookie for a fresh access token. Concurrent callers share one
   * request; it emits `null` (and signs out locally) when there is no live session.
   */
  refresh(): Observable<AccessTokenResponse | null> {
    this.inFlightRefresh ??= this.http
      .post<AccessTokenResponse>('/api/auth/refresh', null, {
        withCredentials: true,
        context: skipAuth(),
      })
      .pipe(
        tap((response) => this.session.set(response)),
        catchError((error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            this.session.set(null);
            return of(null);
          }
          return throwError(() => error);
        }),
        finalize(() => (this.inFlightRefresh = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    return this.inFlightRefresh;
  }

  devLogin(body: DevLoginRequest): Observable<User> {
    return this.http
      .post<AccessTokenResponse>('/api/auth/dev-login', body, {
        withCredentials: true,
        context: skipAuth(),
      })
      .pipe(
        tap((response) => this.session.set(response)),
        map((response) => response.user),
      );
  }

  /** Revokes the session on the server; locally we sign out whatever the answer. */
  signOut(): void {
    this.http
      .post<void>('/api/auth/logout', null, {
        withCredentials: true,
        context: skipAuth(),
      })
      .pipe(catchError(() => of(undefined)))
      .subscribe(() => this.endSession());
  }

  /**
   * Forgets the user and returns to the sign-in page. `ended`: the server ended the
   * session (signed out elsewhere, or the account was disabled), and the page says so.
   */
  endSession(ended = false): void {
    this.session.set(null);
    void this.router.navigateByUrl(ended ? '/login?session=ended' : '/login');
  }

  /** Keeps the signed-in person's details current after they were changed elsewhere. */
  updateUser(user: User): void {
    this.session.update((session) =>
      session && session.user.id === user.id ? { ...session, user } : session,
    );
  }
}
