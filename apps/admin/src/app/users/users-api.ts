import { HttpClient, httpResource } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Page,
  Role,
  UpdateRoleRequest,
  User,
  UserListQuery,
} from '@vip/shared-dto';
import type { Observable } from 'rxjs';

const USERS_URL = '/api/auth/users';

function userUrl(email: string): string {
  return `${USERS_URL}/${encodeURIComponent(email)}`;
}

/** The administrators' side of /api/auth/users. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  /** A page of people that reloads whenever `query` changes. Call in an injection context. */
  list(query: () => UserListQuery) {
    return httpResource<Page<User>>(() => {
      const params: Record<string, string | number> = {};
      for (const [key, value] of Object.entries(query())) {
        if (value !== undefined && value !== '') params[key] = value;
      }
      return { url: USERS_URL, params };
    });
  }

  updateRole(email: string, role: Role): Observable<User> {
    const body: UpdateRoleRequest = { role };
    return this.http.patch<User>(`${userUrl(email)}/role`, body);
  }

  delete(email: string): Observable<void> {
    return this.http.delete<void>(userUrl(email));
  }
}
