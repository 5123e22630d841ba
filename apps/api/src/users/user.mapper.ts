import type { Role, User, UserStatus } from '@vip/shared-dto';

/** A `users` row as the repository's SQL returns it (snake_case columns). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  picture: string | null;
  role: Role;
  provider: string;
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
  status: UserStatus;
}

/** The columns every query selects: exactly what `User` needs, nothing internal. */
export const USER_COLUMNS = 'id, email, name, picture, role, provider, created_at, updated_at, last_sign_in_at, status';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    picture: row.picture,
    role: row.role,
    provider: row.provider,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastSignInAt: row.last_sign_in_at ? row.last_sign_in_at.toISOString() : null,
    status: row.status,
  };
}
