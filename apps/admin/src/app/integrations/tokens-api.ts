import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ApiToken,
  CreatedApiToken,
  CreateApiTokenRequest,
} from '@vip/shared-dto';

const TOKENS_URL = '/api/tokens';

/** API tokens: what scripts and other systems call the API with (administrators only). */
@Injectable({ providedIn: 'root' })
export class TokensApi {
  private readonly http = inject(HttpClient);

  /** Every token, revoked ones included. Call in an injection context. */
  list() {
    return httpResource<ApiToken[]>(() => TOKENS_URL);
  }

  /** Answers the secret once; it cannot be read again. */
  create(body: CreateApiTokenRequest): Observable<CreatedApiToken> {
    return this.http.post<CreatedApiToken>(TOKENS_URL, body);
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(`${TOKENS_URL}/${encodeURIComponent(id)}`);
  }
}
