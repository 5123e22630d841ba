import type { ApiToken, AuditEvent, CreatedApiToken, Invitation, Page, User } from '@vip/shared-dto';
import { aGoogleIdentity, parseCsv } from '@vip/testing';
import { createHash } from 'node:crypto';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

const http = new Browser();
const SECRET = /^vipc_[A-Za-z0-9_-]{43}$/;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('API tokens (/api/tokens)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let grace: SignedIn;
  /** Every secret this suite was given: none may ever be stored or audited. */
  const secrets: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com', name: 'Ada Lovelace' }));
    await signIn(app, aGoogleIdentity({ email: 'target@example.com', name: 'Tess Target' }));
    // Signed in before a second instance starts: both would register the one passport strategy.
    grace = await signIn(app, aGoogleIdentity({ email: 'grace@example.com', name: 'Grace Hopper' }));
  });
  afterAll(() => app.close());

  const url = (path: string) => `${app.url}${path}`;
  const create = async (body: unknown, auth = admin.auth) => {
    const reply = await http.request<CreatedApiToken & { message?: string }>('POST', url('/api/tokens'), {
      headers: auth,
      body,
    });
    if (reply.status === 201) secrets.push(reply.body.secret);
    return reply;
  };
  const tokenWith = async (...scopes: string[]) => (await create({ name: `${scopes.join('+')} token`, scopes })).body;
  const call = (method: string, path: string, secret: string, body?: unknown) =>
    http.request(method, url(path), { headers: bearer(secret), body });
  const list = () => http.get<ApiToken[]>(url('/api/tokens'), admin.auth);
  const revoke = (id: string, auth = admin.auth) => http.request('DELETE', url(`/api/tokens/${id}`), { headers: auth });
  const rowOf = async (id: string) =>
    (
      await app.db.query<{ row: string; token_hash: string }>(
        'SELECT t::text AS row, token_hash FROM api_tokens t WHERE id = $1',
        [id],
      )
    ).rows[0];
  const counts = async () =>
    (
      await app.db.query(
        'SELECT (SELECT count(*) FROM api_tokens) AS tokens, (SELECT count(*) FROM audit_events) AS events',
      )
    ).rows[0];

  describe('creating', () => {
    it('answers the secret once (vipc_, prefix = first 12 characters) and stores only its SHA-256 hash', async () => {
      const reply = await create({ name: 'HR sync', scopes: ['users:read', 'audit:read'], expiresInDays: 30 });
      expect(reply.status).toBe(201);
      const { token, secret } = reply.body;
      expect(secret).toMatch(SECRET);
      expect(token).toMatchObject({
        name: 'HR sync',
        prefix: secret.slice(0, 12),
        scopes: ['users:read', 'audit:read'],
        createdBy: { email: 'ada@example.com', name: 'Ada Lovelace' },
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(token.prefix).toMatch(/^vipc_.{7}$/);
      expect((Date.parse(token.expiresAt!) - Date.parse(token.createdAt)) / 86_400_000).toBeCloseTo(30, 3);

      const stored = await rowOf(token.id);
      expect(stored.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(stored.row).not.toContain(secret);
      expect(stored.row).not.toContain(secret.slice(12));

      const listed = await list();
      expect(listed.status).toBe(200);
      expect(listed.body.find((t) => t.id === token.id)).toEqual(token);
      expect(listed.text).not.toContain(secret.slice(12));
      expect(Object.keys(listed.body[0]).sort()).toEqual(
        ['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'].sort(),
      );
    });

    it('without expiresInDays (absent or null) never expires; two tokens never share a secret', async () => {
      const a = (await create({ name: 'forever', scopes: ['users:read'] })).body;
      const b = (await create({ name: 'also forever', scopes: ['users:read'], expiresInDays: null })).body;
      expect(a.token.expiresAt).toBeNull();
      expect(b.token.expiresAt).toBeNull();
      expect(a.secret).not.toBe(b.secret);
      expect(a.token.prefix).not.toBe(b.token.prefix);
    });

    it('refuses bad input with 400 and writes nothing', async () => {
      const before = await counts();
      for (const [body, field] of [
        [{ name: 'x', scopes: ['users:admin'] }, 'scopes'],
        [{ name: 'x', scopes: [] }, 'scopes'],
        [{ name: 'x' }, 'scopes'],
        [{ name: 'x', scopes: 'users:read' }, 'scopes'],
        [{ name: 'x', scopes: ['users:read', 'users:read'] }, 'scopes'],
        [{ name: 'x', scopes: ['users:read'], expiresInDays: 7 }, 'expiresInDays'],
        [{ name: 'x', scopes: ['users:read'], expiresInDays: -1 }, 'expiresInDays'],
        [{ name: 'x', scopes: ['users:read'], expiresInDays: '30' }, 'expiresInDays'],
        [{ name: '', scopes: ['users:read'] }, 'name'],
        [{ name: '   ', scopes: ['users:read'] }, 'name'],
        [{ name: 'a'.repeat(101), scopes: ['users:read'] }, 'name'],
        [{ name: 'bell\u0007', scopes: ['users:read'] }, 'name'],
        [{ scopes: ['users:read'] }, 'name'],
        [{ name: 'x', scopes: ['users:read'], secret: 'vipc_mine' }, 'secret'],
        [{ name: 'x', scopes: ['users:read'], createdBy: 'someone' }, 'createdBy'],
      ] as const) {
        const reply = await create(body);
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
        expect(reply.body.message).toContain(field);
      }
      expect(await counts()).toEqual(before);
    });

    it('only administrators manage tokens: 401 anonymous, 403 for a coordinator and for every token', async () => {
      const coordinator = await signIn(app, aGoogleIdentity());
      const all = await tokenWith('users:read', 'users:write', 'audit:read');
      expect((await http.get(url('/api/tokens'))).status).toBe(401);
      expect((await http.get(url('/api/tokens'), coordinator.auth)).status).toBe(403);
      expect((await create({ name: 'x', scopes: ['users:read'] }, coordinator.auth)).status).toBe(403);
      expect((await call('GET', '/api/tokens', all.secret)).status).toBe(403);
      expect((await create({ name: 'x', scopes: ['users:read'] }, bearer(all.secret))).status).toBe(403);
      expect((await revoke(all.token.id, bearer(all.secret))).status).toBe(403);
    });
  });

  describe('using a token', () => {
    it('users:read reaches the users list, one user, activity and stats, and nothing else', async () => {
      const { secret } = await tokenWith('users:read');
      for (const path of [
        '/api/auth/users',
        '/api/auth/users/target@example.com',
        '/api/auth/users/target@example.com/activity',
        '/api/auth/users/stats',
      ]) {
        expect({ path, status: (await call('GET', path, secret)).status }).toEqual({ path, status: 200 });
      }
      expect((await call('GET', '/api/auth/users', secret)).body).toMatchObject({ total: expect.any(Number) });
      for (const [method, path, body] of [
        ['PATCH', '/api/auth/users/target@example.com/role', { role: 'driver' }],
        ['POST', '/api/auth/users/target@example.com/disable'],
        ['GET', '/api/auth/users/target@example.com/sessions'],
        ['GET', '/api/invitations'],
        ['GET', '/api/audit-events'],
        ['GET', '/api/settings'],
        ['GET', '/api/auth/me'],
        ['GET', '/api/auth/sessions'],
      ] as const) {
        expect({ path, status: (await call(method, path, secret, body)).status }).toEqual({ path, status: 403 });
      }
    });

    it('users:write changes people and invitations; audit:read reads the trail and its CSV', async () => {
      const write = await tokenWith('users:write');
      const audit = await tokenWith('audit:read');
      const changed = await call('PATCH', '/api/auth/users/target@example.com/role', write.secret, { role: 'driver' });
      expect(changed.status).toBe(200);
      expect((changed.body as User).role).toBe('driver');
      const invited = await call('POST', '/api/invitations', write.secret, {
        email: 'invitee@gmail.com',
        role: 'driver',
      });
      expect(invited.status).toBe(201);
      // An invitation needs a person who invited: the token's creator.
      expect((invited.body as Invitation).invitedBy).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
      expect((await call('GET', '/api/auth/users', write.secret)).status).toBe(403);
      expect((await call('GET', '/api/audit-events', write.secret)).status).toBe(403);
      // The token acts for its creator: "yourself" is the creator, whom it cannot disable.
      const self = await call('POST', '/api/auth/users/ada@example.com/disable', write.secret);
      expect(self.status).toBe(409);
      expect((await app.db.query(`SELECT status FROM users WHERE email = 'ada@example.com'`)).rows[0].status).toBe(
        'active',
      );

      expect((await call('GET', '/api/audit-events', audit.secret)).status).toBe(200);
      expect((await call('GET', '/api/audit-events.csv', audit.secret)).status).toBe(200);
      expect((await call('GET', '/api/auth/users', audit.secret)).status).toBe(403);
      expect(
        (await call('PATCH', '/api/auth/users/target@example.com/role', audit.secret, { role: 'coordinator' })).status,
      ).toBe(403);
    });

    it('records lastUsedAt on use, writing at most once a minute', async () => {
      const { token, secret } = await tokenWith('users:read');
      expect((await call('GET', '/api/auth/users/stats', secret)).status).toBe(200);
      const used = (await list()).body.find((t) => t.id === token.id)!;
      expect(used.lastUsedAt).not.toBeNull();
      const lastUsed = async () =>
        (await app.db.query<{ at: Date }>('SELECT last_used_at AS at FROM api_tokens WHERE id = $1', [token.id]))
          .rows[0].at;
      // Used 30 s ago: not written again.
      await app.db.query(`UPDATE api_tokens SET last_used_at = now() - interval '30 seconds' WHERE id = $1`, [
        token.id,
      ]);
      const recent = await lastUsed();
      expect((await call('GET', '/api/auth/users/stats', secret)).status).toBe(200);
      expect(await lastUsed()).toEqual(recent);
      // Used 2 minutes ago: written.
      await app.db.query(`UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [token.id]);
      const old = await lastUsed();
      expect((await call('GET', '/api/auth/users/stats', secret)).status).toBe(200);
      expect((await lastUsed()).getTime()).toBeGreaterThan(old.getTime() + 60_000);
    });
  });

  describe('refusing a token: 401', () => {
    it('after revocation, on its next use, on this instance and on a second one sharing the database', async () => {
      const second = await startTestApp({ databaseUrl: app.databaseUrl });
      try {
        const { token, secret } = await tokenWith('users:read');
        expect((await call('GET', '/api/auth/users', secret)).status).toBe(200);
        expect((await http.get(`${second.url}/api/auth/users`, bearer(secret))).status).toBe(200);
        expect((await revoke(token.id)).status).toBe(204);
        expect((await call('GET', '/api/auth/users', secret)).status).toBe(401);
        expect((await http.get(`${second.url}/api/auth/users`, bearer(secret))).status).toBe(401);
        const listed = (await list()).body.find((t) => t.id === token.id)!;
        expect(listed.revokedAt).not.toBeNull();
        // Revoking again changes nothing and records nothing more.
        expect((await revoke(token.id)).status).toBe(204);
        const events = await app.db.query(
          `SELECT action, actor_email, details FROM audit_events WHERE action = 'token.revoked' AND details->>'tokenId' = $1`,
          [token.id],
        );
        expect(events.rows).toEqual([
          {
            action: 'token.revoked',
            actor_email: 'ada@example.com',
            details: { tokenId: token.id, name: token.name, prefix: token.prefix },
          },
        ]);
      } finally {
        await second.close();
      }
    });

    it('404 for an unknown id, 400 for one that is not a uuid', async () => {
      expect((await revoke('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await revoke('not-a-uuid')).status).toBe(400);
    });

    it('once expired', async () => {
      const { token, secret } = await tokenWith('users:read');
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(200);
      await app.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.id]);
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(401);
    });

    it('for a wrong prefix, a flipped character, a truncated or unknown secret', async () => {
      const { secret } = await tokenWith('users:read');
      const last = secret.at(-1)!;
      const flipped = secret.slice(0, -1) + (last === 'A' ? 'B' : 'A');
      const middle = secret.slice(0, 20) + (secret[20] === 'x' ? 'y' : 'x') + secret.slice(21);
      for (const wrong of [
        `vipx_${secret.slice(5)}`,
        `VIPC_${secret.slice(5)}`,
        secret.slice(5),
        flipped,
        middle,
        secret.slice(0, -1),
        `${secret}A`,
        `vipc_${'A'.repeat(43)}`,
        'vipc_',
      ]) {
        const reply = await call('GET', '/api/auth/users', wrong);
        expect({ wrong, status: reply.status }).toEqual({ wrong, status: 401 });
        expect(reply.text).not.toContain(secret.slice(12));
      }
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(200);
    });

    it("while its creator is not an active administrator: demoted, disabled or deleted (a token never outlives its creator's authority)", async () => {
      const promote = (role: string) =>
        http.request('PATCH', url('/api/auth/users/grace@example.com/role'), { headers: admin.auth, body: { role } });
      expect((await promote('administrator')).status).toBe(200);
      const { token, secret } = (await create({ name: "Grace's", scopes: ['users:read'] }, grace.auth)).body;
      expect(token.createdBy).toEqual({ email: 'grace@example.com', name: 'Grace Hopper' });
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(200);

      expect((await promote('coordinator')).status).toBe(200);
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(401);
      expect((await promote('administrator')).status).toBe(200);
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(200);

      const status = (action: string) =>
        http.request('POST', url(`/api/auth/users/grace@example.com/${action}`), { headers: admin.auth });
      expect((await status('disable')).status).toBe(200);
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(401);
      expect((await status('enable')).status).toBe(200);

      expect(
        (await http.request('DELETE', url('/api/auth/users/grace@example.com'), { headers: admin.auth })).status,
      ).toBe(204);
      expect((await call('GET', '/api/auth/users', secret)).status).toBe(401);
      expect((await list()).body.find((t) => t.id === token.id)!.createdBy).toBeNull();
    });
  });

  describe('the audit trail', () => {
    it('token.created names the administrator and the prefix, never the secret', async () => {
      const { token } = await tokenWith('audit:read');
      const events = await app.db.query(
        `SELECT actor_id, actor_email, actor_token_id, details FROM audit_events WHERE action = 'token.created' AND details->>'tokenId' = $1`,
        [token.id],
      );
      expect(events.rows).toEqual([
        {
          actor_id: admin.user.id,
          actor_email: 'ada@example.com',
          actor_token_id: null,
          details: {
            tokenId: token.id,
            after: { name: token.name, prefix: token.prefix, scopes: ['audit:read'], expiresAt: null },
          },
        },
      ]);
    });

    it('records what a token does with the token as the actor (id, name, prefix), in the list and the CSV', async () => {
      const write = (await create({ name: 'Roster bot', scopes: ['users:write', 'audit:read'] })).body;
      const reply = await call('PATCH', '/api/auth/users/target@example.com/role', write.secret, {
        role: 'coordinator',
      });
      expect(reply.status).toBe(200);
      const rows = await app.db.query(
        `SELECT action, actor_id, actor_email, actor_token_id, actor_token_name, actor_token_prefix, target_email, request_id
           FROM audit_events WHERE actor_token_id = $1`,
        [write.token.id],
      );
      expect(rows.rows).toEqual([
        {
          action: 'user.role_changed',
          actor_id: null,
          actor_email: null,
          actor_token_id: write.token.id,
          actor_token_name: 'Roster bot',
          actor_token_prefix: write.token.prefix,
          target_email: 'target@example.com',
          request_id: reply.headers.get('x-request-id'),
        },
      ]);
      const page = await call('GET', '/api/audit-events?action=user.role_changed', write.secret);
      const event = (page.body as Page<AuditEvent>).items.find((e) => e.actorToken?.id === write.token.id)!;
      expect(event).toMatchObject({
        actorId: null,
        actorEmail: null,
        actorToken: { id: write.token.id, name: 'Roster bot', prefix: write.token.prefix },
      });
      // A person's own actions carry no token.
      expect(
        (page.body as Page<AuditEvent>).items.filter((e) => e.actorEmail).every((e) => e.actorToken === null),
      ).toBe(true);
      const [header, ...records] = parseCsv((await call('GET', '/api/audit-events.csv', write.secret)).text);
      expect(header.slice(-3)).toEqual(['actorTokenId', 'actorTokenName', 'actorTokenPrefix']);
      const record = records.find((r) => r[0] === event.id)!;
      expect(record.slice(-3)).toEqual([write.token.id, 'Roster bot', write.token.prefix]);
      expect(record[4]).toBe('');
    });

    it('no secret of this suite appears anywhere in the audit trail, the tokens table or the audit list', async () => {
      expect(secrets.length).toBeGreaterThan(10);
      const randomParts = secrets.map((secret) => secret.slice(12));
      const leaks = await app.db.query(
        `SELECT count(*)::int AS n FROM audit_events a, api_tokens t, unnest($1::text[]) AS s(part)
          WHERE a::text LIKE '%' || s.part || '%' OR t::text LIKE '%' || s.part || '%'`,
        [randomParts],
      );
      expect(leaks.rows[0].n).toBe(0);
      const trail = await http.get(url('/api/audit-events?pageSize=100'), admin.auth);
      for (const part of randomParts) expect(trail.text).not.toContain(part);
    });
  });

  describe('OpenAPI', () => {
    it('documents API tokens as a second bearer scheme on the routes tokens reach, and the token routes by operationId', async () => {
      const doc = (
        await http.get<{
          components: { securitySchemes: Record<string, { type: string; scheme: string }> };
          paths: Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[] }>>;
        }>(url('/api/docs-json'))
      ).body;
      expect(doc.components.securitySchemes['apiToken']).toMatchObject({ type: 'http', scheme: 'bearer' });
      const schemes = (path: string, method: string) =>
        (doc.paths[path][method].security ?? []).flatMap((entry) => Object.keys(entry)).sort();
      expect(schemes('/api/auth/users', 'get')).toEqual(['apiToken', 'bearer']);
      expect(schemes('/api/audit-events.csv', 'get')).toEqual(['apiToken', 'bearer']);
      expect(schemes('/api/invitations', 'post')).toEqual(['apiToken', 'bearer']);
      expect(schemes('/api/settings', 'get')).toEqual(['bearer']);
      expect(schemes('/api/tokens', 'get')).toEqual(['bearer']);
      expect(doc.paths['/api/tokens']['get'].operationId).toBe('listApiTokens');
      expect(doc.paths['/api/tokens']['post'].operationId).toBe('createApiToken');
      expect(doc.paths['/api/tokens/{id}']['delete'].operationId).toBe('revokeApiToken');
    });
  });
});
