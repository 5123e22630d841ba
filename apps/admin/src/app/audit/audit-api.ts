import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEvent, AuditEventQuery, Page } from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { withoutEmpty } from '../core/query-params';

const EVENTS_URL = '/api/audit-events';

/** The audit trail (administrators only). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** A page of events that reloads whenever `query` changes. Call in an injection context. */
  events(query: () => AuditEventQuery) {
    return httpResource<Page<AuditEvent>>(() => ({
      url: EVENTS_URL,
      params: withoutEmpty(query()),
    }));
  }

  /**
   * The CSV of a filter, as a blob: a plain link could not carry the bearer token, so
   * the interceptor's request fetches it and the page saves it.
   */
  csv(query: AuditEventQuery): Observable<Blob> {
    // The CSV holds every event of the filter: paging does not apply.
    return this.http.get(`${EVENTS_URL}.csv`, {
      params: withoutEmpty({ ...query, page: undefined, pageSize: undefined }),
      responseType: 'blob',
    });
  }
}
