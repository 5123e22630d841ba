import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CreateInvitationRequest,
  ImportResult,
  Invitation,
  InvitationListQuery,
  Page,
} from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { withoutEmpty } from '../core/query-params';

const INVITATIONS_URL = '/api/invitations';

/** The roster: invitations, one at a time or imported from a CSV file. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  /** A page of invitations that reloads whenever `query` changes. Call in an injection context. */
  list(query: () => InvitationListQuery) {
    return httpResource<Page<Invitation>>(() => ({
      url: INVITATIONS_URL,
      params: withoutEmpty(query()),
    }));
  }

  create(body: CreateInvitationRequest): Observable<Invitation> {
    return this.http.post<Invitation>(INVITATIONS_URL, body);
  }

  /** Checks (`dryRun`) or imports a roster; a bad file answers 400 with every row's verdict. */
  import(csv: string, dryRun: boolean): Observable<ImportResult> {
    return this.http.post<ImportResult>(`${INVITATIONS_URL}/import`, csv, {
      headers: { 'content-type': 'text/csv' },
      params: dryRun ? { dryRun: true } : {},
    });
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(
      `${INVITATIONS_URL}/${encodeURIComponent(id)}`,
    );
  }
}

/** The console's sign-in page with the email as Google's login hint, to share with the person. */
export function signInLink(origin: string, email: string): string {
  return `${origin}/login?email=${encodeURIComponent(email)}`;
}
