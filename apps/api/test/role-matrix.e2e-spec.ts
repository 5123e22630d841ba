import { sign } from 'jsonwebtoken';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/access-tokens';
import { aGoogleIdentity } from '@vip/testing';
import { registeredRoutes } from './support/registered-routes';
import type { CreatedApiToken } from '@vip/shared-dto';
import {
  APPROVED_EMAIL,
  CALLERS,
  DOOMED_EMAIL,
  emailFor,
  INVITATION_ID,
  REJECTED_EMAIL,
  REVOCABLE_TOKEN_ID,
  ROLE_MATRIX,
  TARGET_EMAIL,
  TOKEN_CALLERS,
  WEBHOOK_DELIVERY_ID,
  WEBHOOK_ID,
  type Caller,
  type TokenCaller,
} from './support/role-matrix';
import { Browser, signIn, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

/** Every route × every kind of caller, against the real app: the guards, as deployed. */
describe('role matrix', () => {
  let app: TestApp;
  const headers = {} as Record<Caller, Record<string, string>>;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    const administrator = await signIn(app, aGoogleIdentity());
    // Each caller admitted to delete, approve or reject someone has its own person to do it to.
    const admitted = (route: string) => CALLERS.filter((caller) => ROLE_MATRIX[route].expect[caller] < 300);
    const coordinator = await signIn(app, aGoogleIdentity());
    const driver = await signIn(app, aGoogleIdentity());
    const deleted = await signIn(app, aGoogleIdentity());
    await signIn(app, aGoogleIdentity({ email: TARGET_EMAIL }));
    for (const caller of admitted('DELETE /api/auth/users/:email'))
      await signIn(app, aGoogleIdentity({ email: emailFor(DOOMED_EMAIL, caller) }));
    const disabled = await signIn(app, aGoogleIdentity());
    // Disabled in the table only (its session stays): the status alone must shut it out.
    await app.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
    await app.db.query(`UPDATE settings SET sign_up_policy = 'approval'`);
    const pending = await signIn(app, aGoogleIdentity());
    for (const caller of admitted('POST /api/auth/users/:email/approve'))
      await signIn(app, aGoogleIdentity({ email: emailFor(APPROVED_EMAIL, caller) }));
    for (const caller of admitted('POST /api/auth/users/:email/reject'))
      await signIn(app, aGoogleIdentity({ email: emailFor(REJECTED_EMAIL, caller) }));
    await app.db.query(`UPDATE settings SET sign_up_policy = 'open'`);
    await app.db.query(
      `INSERT INTO invitations (id, email, role, expires_at) VALUES ($1, 'revocable@gmail.com', 'driver', now() + interval '1 day')`,
      [INVITATION_ID],
    );
    await app.db.query(
      `WITH w AS (
         INSERT INTO webhook_endpoints (id, url, events, secret) VALUES ($1, 'https://hooks.example.com/matrix', '{settings.changed}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
         RETURNING id
       ), m AS (
         INSERT INTO webhook_messages (endpoint_id, event_id, type, data, delivered_at)
         SELECT id, 'msg_test_matrix', 'webhook.test', '{}', now() FROM w RETURNING id, endpoint_id
       )
       INSERT INTO webhook_deliveries (id, endpoint_id, message_id, attempt, status_code, ok, duration_ms)
       SELECT $2, endpoint_id, id, 1, 204, true, 12 FROM m`,
      [WEBHOOK_ID, WEBHOOK_DELIVERY_ID],
    );
    const asAdmin = (method: string, path: string, body?: unknown) =>
      http.request(method, `${app.url}${path}`, { headers: administrator.auth, body });
    expect((await asAdmin('PATCH', `/api/auth/users/${driver.user.email}/role`, { role: 'driver' })).status).toBe(200);
    expect((await asAdmin('DELETE', `/api/auth/users/${deleted.user.email}`)).status).toBe(204);

    // API tokens of the administrator: one per caller, then one revoked and one expired.
    const tokens = {} as Record<TokenCaller, string>;
    for (const [caller, scopes] of Object.entries(TOKEN_CALLERS) as [TokenCaller, readonly string[]][]) {
      const created = await asAdmin('POST', '/api/tokens', { name: caller, scopes });
      expect(created.status).toBe(201);
      const { token, secret } = created.body as CreatedApiToken;
      tokens[caller] = secret;
      if (caller === 'revokedToken') expect((await asAdmin('DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
      if (caller === 'expiredToken')
        await app.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.id]);
    }
    await app.db.query(
      `INSERT INTO api_tokens (id, name, prefix, token_hash, scopes, created_by)
       VALUES ($1, 'revocable', 'vipc_revocab', repeat('0', 64), '{users:read}', $2)`,
      [REVOCABLE_TOKEN_ID, administrator.user.id],
    );

    const claims = { sub: administrator.user.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    Object.assign(headers, {
      anonymous: {},
      malformed: bearer('not.a.jwt'),
      forged: bearer(sign(claims, 'another-secret-that-is-long-enough-0123456789', { expiresIn: 600 })),
      expired: bearer(sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET)),
      deletedUser: deleted.auth,
      disabledUser: disabled.auth,
      pendingUser: pending.auth,
      driver: driver.auth,
      coordinator: coordinator.auth,
      administrator: administrator.auth,
      ...Object.fromEntries(Object.entries(tokens).map(([caller, secret]) => [caller, bearer(secret)])),
    });
  });
  afterAll(() => app.close());

  it('covers every registered route, and only those', () => {
    const registered = registeredRoutes(app.app)
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(Object.keys(ROLE_MATRIX).sort()).toEqual(registered);
  });

  it('answers each caller as the matrix says', async () => {
    const answers: Record<string, Record<Caller, number>> = {};
    for (const [route, entry] of Object.entries(ROLE_MATRIX)) {
      const method = route.split(' ')[0];
      answers[route] = {} as Record<Caller, number>;
      // The administrator last: its call may change the target (role) or remove it (delete).
      for (const caller of CALLERS) {
        const url = typeof entry.url === 'function' ? entry.url(caller) : entry.url;
        const reply = await http.request(method, `${app.url}${url}`, {
          headers: {
            ...headers[caller],
            ...(method === 'GET' ? {} : { origin: app.origin }),
            ...(entry.csv ? { 'content-type': 'text/csv' } : {}),
          },
          body: typeof entry.body === 'function' ? entry.body(caller) : entry.body,
          raw: entry.csv,
        });
        answers[route][caller] = reply.status;
      }
    }
    const expected = Object.fromEntries(Object.entries(ROLE_MATRIX).map(([route, entry]) => [route, entry.expect]));
    expect(answers).toEqual(expected);
  });
});
