import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Set on requests that work from the session cookie (or nothing): they get no bearer token,
 * and their 401 is an answer, never a reason to refresh and retry.
 */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

/** The context of a request that skips auth. */
export function skipAuth(): HttpContext {
  return new HttpContext().set(SKIP_AUTH, true);
}
