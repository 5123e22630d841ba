import type { Role } from './role';

/** A person as the API returns them. Timestamps are ISO-8601 UTC strings. */
export interface User {
  id: string;
  email: string;
  name: string;
  picture: string | null;
  role: Role;
  provider: string;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
}

export interface UpdateRoleRequest {
  role: Role;
}
