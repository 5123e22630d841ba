import type { Role } from './role';

/** Where an account stands in its lifecycle. */
export const UserStatus = {
  Active: 'active',
  Pending: 'pending',
  Disabled: 'disabled',
} as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];
export const USER_STATUSES: readonly UserStatus[] = Object.values(UserStatus);

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
  /** `pending`: waits for an administrator's approval; `disabled`: may not sign in. */
  status: UserStatus;
}

export interface UpdateRoleRequest {
  role: Role;
}

/** Body of `POST /api/auth/users/:email/approve`. */
export interface ApproveRequest {
  role: Role;
}
