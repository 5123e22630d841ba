import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Session } from '@vip/shared-dto';
import type { Observable } from 'rxjs';

const SESSIONS_URL = '/api/auth/sessions';

/** The signed-in person's own sessions. */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  /** Call in an injection context. */
  mine() {
    return httpResource<Session[]>(() => SESSIONS_URL);
  }

  end(id: string): Observable<void> {
    return this.http.delete<void>(`${SESSIONS_URL}/${encodeURIComponent(id)}`);
  }

  /** Ends every session but the current one. */
  endOthers(): Observable<void> {
    return this.http.delete<void>(SESSIONS_URL);
  }
}

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Linux" out of a User-Agent header; enough to tell one's devices apart. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}
