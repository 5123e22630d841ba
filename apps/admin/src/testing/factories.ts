import type {
  AccessTokenResponse,
  AuditEvent,
  Invitation,
  Page,
  Session,
  User,
} from '@vip/shared-dto';
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
    status: 'active',
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

let eventSequence = 0;

/** An audit event as the API returns it; override what the test is about. */
export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  eventSequence += 1;
  return {
    id: String(eventSequence),
    occurredAt: '2026-11-20T10:00:00.000Z',
    action: 'user.signed_in',
    actorId: null,
    actorEmail: 'ada@example.com',
    actorToken: null,
    targetId: null,
    targetEmail: 'ada@example.com',
    details: {},
    requestId: `req-${eventSequence}`,
    ip: '127.0.0.1',
    userAgent: 'test',
    ...overrides,
  };
}

let otherSequence = 0;

/** A sign-in session as its owner sees it (`GET /api/auth/sessions`). */
export function aSignInSession(overrides: Partial<Session> = {}): Session {
  otherSequence += 1;
  return {
    id: `10000000-0000-4000-8000-${String(otherSequence).padStart(12, '0')}`,
    createdAt: '2026-11-20T10:00:00.000Z',
    lastUsedAt: '2026-11-20T11:00:00.000Z',
    expiresAt: '2026-12-20T10:00:00.000Z',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    ip: '203.0.113.7',
    current: false,
    ...overrides,
  };
}

/** An invitation as the API returns it; override what the test is about. */
export function anInvitation(overrides: Partial<Invitation> = {}): Invitation {
  otherSequence += 1;
  return {
    id: `20000000-0000-4000-8000-${String(otherSequence).padStart(12, '0')}`,
    email: `guest${otherSequence}@gmail.com`,
    role: 'driver',
    state: 'pending',
    invitedBy: { email: 'ada@example.com', name: 'Ada Lovelace' },
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-12-04T10:00:00.000Z',
    acceptedAt: null,
    revokedAt: null,
    ...overrides,
  };
}
