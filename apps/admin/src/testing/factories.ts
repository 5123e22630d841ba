import type { AccessTokenResponse, Page, User } from '@vip/shared-dto';
import { Role } from '@vip/shared-dto';

let sequence = 0;

/** A person as the API returns them; override what the test is about. */
export function aUser(overrides: Partial<User> = {}): User {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    email: `person${sequence}@example.com`,
    name: `Person ${sequence}`,
    picture: null,
    role: Role.Coordinator,
    provider: 'google',
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-01T10:00:00.000Z',
    lastSignInAt: null,
    ...overrides,
  };
}

export function aPage<T>(
  items: T[],
  overrides: Partial<Page<T>> = {},
): Page<T> {
  return { items, total: items.length, page: 1, pageSize: 25, ...overrides };
}

export function aSession(
  user: User = aUser(),
  accessToken = 'token-1',
): AccessTokenResponse {
  return { accessToken, expiresIn: 900, user };
}

/** The JSON error body the API sends. */
export function anApiError(
  statusCode: number,
  message: string,
  error = 'Error',
) {
  return { statusCode, error, message };
}
