import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ActivityQuery,
  ApproveRequest,
  AuditEvent,
  Page,
  Role,
  Session,
  UpdateRoleRequest,
  User,
  UserListQuery,
  UserStats,
} from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { withoutEmpty } from '../core/query-params';

const USERS_URL = '/api/auth/users';

function userUrl(email: string): string {
  return `${USERS_URL}/${encodeURIComponent(email)}`;
}

/** The administrators' side of /api/auth/users: people, their timelines and the numbers. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** A page of people that reloads whenever `query` changes. Call in an injection context. */
  list(query: () => UserListQuery) {
    return httpResource<Page<User>>(() => ({
      url: USERS_URL,
      params: withoutEmpty(query()),
    }));
  }

  /** A person's timeline; nothing is requested while `email` is empty. */
  activity(email: () => string | undefined, query: () => ActivityQuery) {
    return httpResource<Page<AuditEvent>>(() => {
      const who = email();
      return who
        ? { url: `${userUrl(who)}/activity`, params: withoutEmpty(query()) }
        : undefined;
    });
  }

  stats() {
    return httpResource<UserStats>(() => `${USERS_URL}/stats`);
  }

  updateRole(email: string, role: Role): Observable<User> {
    const body: UpdateRoleRequest = { role };
    return this.http.patch<User>(`${userUrl(email)}/role`, body);
  }

  delete(email: string): Observable<void> {
    return this.http.delete<void>(userUrl(email));
  }

  disable(email: string): Observable<User> {
    return this.http.post<User>(`${userUrl(email)}/disable`, null);
  }

  enable(email: string): Observable<User> {
    return this.http.post<User>(`${userUrl(email)}/enable`, null);
  }

  approve(email: string, role: Role): Observable<User> {
    const body: ApproveRequest = { role };
    return this.http.post<User>(`${userUrl(email)}/approve`, body);
  }

  reject(email: string): Observable<void> {
    return this.http.post<void>(`${userUrl(email)}/reject`, null);
  }

  /** Where a person is signed in. Call in an injection context. */
  sessions(email: () => string) {
    return httpResource<Session[]>(() => `${userUrl(email())}/sessions`);
  }

  /** Ends every session of the person: they must sign in again everywhere. */
  endSessions(email: string): Observable<void> {
    return this.http.delete<void>(`${userUrl(email)}/sessions`);
  }
}
