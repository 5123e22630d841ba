import type { ApiTokenScope } from '@vip/shared-dto';

/**
 * Who gets what, for every route: the expected status of each kind of caller. A route
 * missing here fails `role-matrix.e2e-spec.ts`. Requests carry valid params and bodies,
 * so an admitted caller gets the route's own success status, not a 400 or 404.
 */

/** API tokens (`vipc_…`) created by the administrator, with the scopes each holds. */
export const TOKEN_CALLERS = {
  tokenUsersRead: ['users:read'],
  tokenUsersWrite: ['users:write'],
  tokenAuditRead: ['audit:read'],
  tokenAllScopes: ['users:read', 'users:write', 'audit:read'],
  /** All scopes, but revoked or expired: 401 everywhere a token is looked at. */
  revokedToken: ['users:read', 'users:write', 'audit:read'],
  expiredToken: ['users:read', 'users:write', 'audit:read'],
} as const satisfies Record<string, readonly ApiTokenScope[]>;
export type TokenCaller = keyof typeof TOKEN_CALLERS;
const DEAD_TOKENS: readonly TokenCaller[] = ['revokedToken', 'expiredToken'];

export const CALLERS = [
  'anonymous',
  'malformed',
  'forged',
  'expired',
  'deletedUser',
  'disabledUser',
  'pendingUser',
  'driver',
  'coordinator',
  ...(Object.keys(TOKEN_CALLERS) as TokenCaller[]),
  // Last: its call may change the target (role) or remove it (delete).
  'administrator',
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * A caller's own copy of a person or invitee that a call uses up (deleted, approved,
 * rejected, invited), so each admitted caller finds its own: `doomed@…` for the
 * administrator, `doomed+tokenUsersWrite@…` for a token.
 */
export const emailFor = (email: string, caller: Caller): string =>
  caller === 'administrator' ? email : email.replace('@', `+${caller}@`);

/** A person every caller may look at and change; another whom the administrator deletes. */
export const TARGET_EMAIL = 'target@example.com';
export const DOOMED_EMAIL = 'doomed@example.com';
/** Two accounts waiting for approval: one to approve, one to reject. */
export const APPROVED_EMAIL = 'approved@example.com';
export const REJECTED_EMAIL = 'rejected@example.com';
/** An invitation (inserted with this id) for the administrator to revoke. */
export const INVITATION_ID = '00000000-0000-4000-8000-0000000a0001';
/** An API token (inserted with this id) for the administrator to revoke. */
export const REVOCABLE_TOKEN_ID = '00000000-0000-4000-8000-0000000c0001';
/** A webhook endpoint (inserted with this id) and one delivery of its, for the administrator to redeliver. */
export const WEBHOOK_ID = '00000000-0000-4000-8000-0000000d0001';
export const WEBHOOK_DELIVERY_ID = '00000000-0000-4000-8000-0000000d0002';
const NO_SUCH_SESSION = '00000000-0000-4000-8000-0000000b0001';

export interface MatrixEntry {
  /** The request actually sent: path parameters filled in (per caller when a call uses something up). */
  url: string | ((caller: Caller) => string);
  body?: object | ((caller: Caller) => object);
  /** Sent as `text/csv` instead of a JSON body. */
  csv?: string;
  expect: Record<Caller, number>;
}

/** A public route: the same answer whatever the `Authorization` header says. */
const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;

/**
 * A signed-in route: 401 without a valid token of an existing, enabled user; 403 for an
 * account waiting for approval unless the route admits it; then by role. API tokens get
 * 403 unless the route declares a `scope` they hold (then the administrator's answer);
 * revoked and expired ones get 401.
 */
const signedIn = (
  driver: number,
  coordinator: number,
  administrator: number,
  pendingUser = 403,
  scope?: ApiTokenScope,
): Record<Caller, number> => ({
  ...tokens(administrator, scope),
  anonymous: 401,
  malformed: 401,
  forged: 401,
  expired: 401,
  deletedUser: 401,
  disabledUser: 401,
  pendingUser,
  driver,
  coordinator,
  administrator,
});

/** What each API token gets on a signed-in route admitting `scope` (none: tokens are refused). */
const tokens = (administrator: number, scope?: ApiTokenScope) =>
  Object.fromEntries(
    Object.entries(TOKEN_CALLERS).map(([caller, scopes]) => [
      caller,
      DEAD_TOKENS.includes(caller as TokenCaller)
        ? 401
        : scope && (scopes as readonly ApiTokenScope[]).includes(scope)
          ? administrator
          : 403,
    ]),
  ) as Record<TokenCaller, number>;

const administrators = (status: number, scope?: ApiTokenScope) => signedIn(403, 403, status, 403, scope);

export const ROLE_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/health': { url: '/api/health', expect: everyone(200) },
  'GET /api/health/live': { url: '/api/health/live', expect: everyone(200) },
  'GET /api/health/ready': { url: '/api/health/ready', expect: everyone(200) },
  // Outside production and without METRICS_TOKEN the metrics are open (metrics.e2e-spec covers the token).
  'GET /api/metrics': { url: '/api/metrics', expect: everyone(200) },
  'GET /api/auth/config': { url: '/api/auth/config', expect: everyone(200) },
  'GET /api/auth/google': { url: '/api/auth/google', expect: everyone(302) },
  // Without code and state: back to the sign-in page.
  'GET /api/auth/google/callback': { url: '/api/auth/google/callback', expect: everyone(302) },
  // Sent from the console's origin, without a session cookie: a bearer token buys nothing here.
  'POST /api/auth/refresh': { url: '/api/auth/refresh', expect: everyone(401) },
  'POST /api/auth/logout': { url: '/api/auth/logout', expect: everyone(204) },
  // Google is configured, so dev sign-in does not exist.
  'POST /api/auth/dev-login': {
    url: '/api/auth/dev-login',
    body: { email: 'dev@example.com', name: 'Dev' },
    expect: everyone(404),
  },
  'GET /api/auth/me': { url: '/api/auth/me', expect: signedIn(200, 200, 200, 200) },
  'GET /api/auth/sessions': { url: '/api/auth/sessions', expect: signedIn(200, 200, 200, 200) },
  // Admitted, but nobody owns this session: 404 for every signed-in caller.
  'DELETE /api/auth/sessions/:id': {
    url: `/api/auth/sessions/${NO_SUCH_SESSION}`,
    expect: signedIn(404, 404, 404, 404),
  },
  'DELETE /api/auth/sessions': { url: '/api/auth/sessions', expect: signedIn(204, 204, 204, 204) },
  'GET /api/auth/users': { url: '/api/auth/users', expect: administrators(200, 'users:read') },
  'GET /api/auth/users/stats': { url: '/api/auth/users/stats', expect: administrators(200, 'users:read') },
  'GET /api/auth/users/:email': { url: `/api/auth/users/${TARGET_EMAIL}`, expect: administrators(200, 'users:read') },
  'GET /api/auth/users/:email/activity': {
    url: `/api/auth/users/${TARGET_EMAIL}/activity`,
    expect: administrators(200, 'users:read'),
  },
  'PATCH /api/auth/users/:email/role': {
    url: `/api/auth/users/${TARGET_EMAIL}/role`,
    body: { role: 'driver' },
    expect: administrators(200, 'users:write'),
  },
  'POST /api/auth/users/:email/disable': {
    url: `/api/auth/users/${TARGET_EMAIL}/disable`,
    expect: administrators(200, 'users:write'),
  },
  'POST /api/auth/users/:email/enable': {
    url: `/api/auth/users/${TARGET_EMAIL}/enable`,
    expect: administrators(200, 'users:write'),
  },
  'POST /api/auth/users/:email/approve': {
    url: (caller) => `/api/auth/users/${emailFor(APPROVED_EMAIL, caller)}/approve`,
    body: { role: 'driver' },
    expect: administrators(200, 'users:write'),
  },
  'POST /api/auth/users/:email/reject': {
    url: (caller) => `/api/auth/users/${emailFor(REJECTED_EMAIL, caller)}/reject`,
    expect: administrators(204, 'users:write'),
  },
  'GET /api/auth/users/:email/sessions': {
    url: `/api/auth/users/${TARGET_EMAIL}/sessions`,
    expect: administrators(200, 'users:write'),
  },
  'DELETE /api/auth/users/:email/sessions': {
    url: `/api/auth/users/${TARGET_EMAIL}/sessions`,
    expect: administrators(204, 'users:write'),
  },
  'DELETE /api/auth/users/:email': {
    url: (caller) => `/api/auth/users/${emailFor(DOOMED_EMAIL, caller)}`,
    expect: administrators(204, 'users:write'),
  },
  'GET /api/settings': { url: '/api/settings', expect: administrators(200) },
  'PUT /api/settings': {
    url: '/api/settings',
    body: { signUpPolicy: 'open', defaultRole: 'coordinator' },
    expect: administrators(200),
  },
  'GET /api/invitations': { url: '/api/invitations', expect: administrators(200, 'users:write') },
  'POST /api/invitations': {
    url: '/api/invitations',
    body: (caller) => ({ email: emailFor('invitee@gmail.com', caller), role: 'driver' }),
    expect: administrators(201, 'users:write'),
  },
  'POST /api/invitations/import': {
    url: '/api/invitations/import?dryRun=true',
    csv: 'email,role\nroster@gmail.com,driver\n',
    expect: administrators(200, 'users:write'),
  },
  'DELETE /api/invitations/:id': {
    url: `/api/invitations/${INVITATION_ID}`,
    expect: administrators(204, 'users:write'),
  },
  'GET /api/tokens': { url: '/api/tokens', expect: administrators(200) },
  'POST /api/tokens': {
    url: '/api/tokens',
    body: { name: 'Matrix', scopes: ['users:read'], expiresInDays: 30 },
    expect: administrators(201),
  },
  'DELETE /api/tokens/:id': { url: `/api/tokens/${REVOCABLE_TOKEN_ID}`, expect: administrators(204) },
  'GET /api/audit-events': { url: '/api/audit-events', expect: administrators(200, 'audit:read') },
  'GET /api/audit-events.csv': { url: '/api/audit-events.csv', expect: administrators(200, 'audit:read') },
  'GET /api/webhooks': { url: '/api/webhooks', expect: administrators(200) },
  'POST /api/webhooks': {
    url: '/api/webhooks',
    body: { url: 'https://hooks.example.com/vip', events: ['user.role_changed'] },
    expect: administrators(201),
  },
  'PATCH /api/webhooks/:id': {
    url: `/api/webhooks/${WEBHOOK_ID}`,
    body: { description: 'Changed' },
    expect: administrators(200),
  },
  'GET /api/webhooks/:id/deliveries': { url: `/api/webhooks/${WEBHOOK_ID}/deliveries`, expect: administrators(200) },
  'POST /api/webhooks/:id/test': { url: `/api/webhooks/${WEBHOOK_ID}/test`, expect: administrators(202) },
  'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver': {
    url: `/api/webhooks/${WEBHOOK_ID}/deliveries/${WEBHOOK_DELIVERY_ID}/redeliver`,
    expect: administrators(202),
  },
  // Last of the webhook routes: the others need the endpoint.
  'DELETE /api/webhooks/:id': { url: `/api/webhooks/${WEBHOOK_ID}`, expect: administrators(204) },
};
