import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ActivityQuery,
  AuditEvent,
  AuditEventQuery,
  Page,
  UserStats,
} from '@vip/shared-dto';
import type { Observable } from 'rxjs';

const EVENTS_URL = '/api/audit-events';

/** Query parameters without the unset ones. */
export function auditParams(
  query: AuditEventQuery | ActivityQuery,
): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params[key] = value as string | number;
  }
  return params;
}

/** The audit trail and the numbers about people (administrators only). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** A page of events that reloads whenever `query` changes. Call in an injection context. */
  events(query: () => AuditEventQuery) {
    return httpResource<Page<AuditEvent>>(() => ({
      url: EVENTS_URL,
      params: auditParams(query()),
    }));
  }

  /** A person's timeline; nothing is requested while `email` is empty. */
  activity(email: () => string | undefined, query: () => ActivityQuery) {
    return httpResource<Page<AuditEvent>>(() => {
      const who = email();
      return who
        ? {
            url: `/api/auth/users/${encodeURIComponent(who)}/activity`,
            params: auditParams(query()),
          }
        : undefined;
    });
  }

  stats() {
    return httpResource<UserStats>(() => '/api/auth/users/stats');
  }

  /**
   * The CSV of a filter, as a blob: a plain link could not carry the bearer token, so
   * the interceptor's request fetches it and the page saves it.
   */
  csv(query: AuditEventQuery): Observable<Blob> {
    // The CSV holds every event of the filter: paging does not apply.
    return this.http.get(`${EVENTS_URL}.csv`, {
      params: auditParams({ ...query, page: undefined, pageSize: undefined }),
      responseType: 'blob',
    });
  }
}
