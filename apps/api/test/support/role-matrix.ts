/**
 * Who gets what, for every route: the expected status of each kind of caller. A route
 * missing here fails `role-matrix.e2e-spec.ts`. Requests carry valid params and bodies,
 * so an admitted caller gets the route's own success status, not a 400 or 404.
 */
export const CALLERS = ['anonymous', 'malformed', 'forged', 'expired', 'deletedUser', 'driver', 'coordinator', 'administrator'] as const;
export type Caller = (typeof CALLERS)[number];

/** A person every caller may look at and change; another whom the administrator deletes. */
export const TARGET_EMAIL = 'target@example.com';
export const DOOMED_EMAIL = 'doomed@example.com';

export interface MatrixEntry {
  /** The request actually sent: path parameters filled in. */
  url: string;
  body?: unknown;
  expect: Record<Caller, number>;
}

/** A public route: the same answer whatever the `Authorization` header says. */
const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;

/** A signed-in route: 401 without a valid token of an existing user, then by role. */
const signedIn = (driver: number, coordinator: number, administrator: number): Record<Caller, number> => ({
  anonymous: 401,
  malformed: 401,
  forged: 401,
  expired: 401,
  deletedUser: 401,
  driver,
  coordinator,
  administrator,
});

const administrators = (status: number) => signedIn(403, 403, status);

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
  'POST /api/auth/dev-login': { url: '/api/auth/dev-login', body: { email: 'dev@example.com', name: 'Dev' }, expect: everyone(404) },
  'GET /api/auth/me': { url: '/api/auth/me', expect: signedIn(200, 200, 200) },
  'GET /api/auth/users': { url: '/api/auth/users', expect: administrators(200) },
  'GET /api/auth/users/stats': { url: '/api/auth/users/stats', expect: administrators(200) },
  'GET /api/auth/users/:email': { url: `/api/auth/users/${TARGET_EMAIL}`, expect: administrators(200) },
  'GET /api/auth/users/:email/activity': { url: `/api/auth/users/${TARGET_EMAIL}/activity`, expect: administrators(200) },
  'PATCH /api/auth/users/:email/role': { url: `/api/auth/users/${TARGET_EMAIL}/role`, body: { role: 'driver' }, expect: administrators(200) },
  'DELETE /api/auth/users/:email': { url: `/api/auth/users/${DOOMED_EMAIL}`, expect: administrators(204) },
  'GET /api/audit-events': { url: '/api/audit-events', expect: administrators(200) },
  'GET /api/audit-events.csv': { url: '/api/audit-events.csv', expect: administrators(200) },
};
