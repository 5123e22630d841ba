import type {
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth-store';
import { SKIP_AUTH } from './skip-auth';

/** Our API's requests, unless they skip auth; other origins never see the token. */
function needsToken(req: HttpRequest<unknown>): boolean {
  return req.url.startsWith('/api/') && !req.context.get(SKIP_AUTH);
}

function withToken(
  req: HttpRequest<unknown>,
  token: string | null,
): HttpRequest<unknown> {
  return token
    ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : req;
}

/**
 * Adds the bearer token to API calls. On a 401 it refreshes once (sharing one refresh
 * among concurrent requests) and retries; when that fails the session is over.
 */
export const authInterceptor: HttpInterceptorFn = (
  req,
  next: HttpHandlerFn,
) => {
  if (!needsToken(req)) return next(req);

  const auth = inject(AuthStore);
  const sentToken = auth.accessToken();

  return next(withToken(req, sentToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      // Another request may already have refreshed while this one was in flight.
      const current = auth.accessToken();
      if (current && current !== sentToken)
        return next(withToken(req, current));

      return auth.refresh().pipe(
        catchError(() => [null]),
        switchMap((session) => {
          if (!session) {
            auth.endSession(true);
            return throwError(() => error);
          }
          return next(withToken(req, session.accessToken));
        }),
      );
    }),
  );
};
