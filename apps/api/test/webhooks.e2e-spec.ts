import type { CreatedWebhook, Page, Webhook, WebhookDelivery, WebhookEventType, WebhookQueued } from '@vip/shared-dto';
import { aGoogleIdentity } from '@vip/testing';
import { WebhookWorker } from '../src/webhooks/webhook-worker';
import { FAST_WEBHOOKS, WebhookReceiver, eventually } from './support/webhook-receiver';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

type Reply<T> = T & { message: string };

describe('webhooks (/api/webhooks)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let receiver: WebhookReceiver;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp({ env: FAST_WEBHOOKS });
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com', name: 'Ada Lovelace' }));
    coordinator = await signIn(app, aGoogleIdentity({ email: 'cody@example.com' }));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await app.db.query('DELETE FROM webhook_endpoints');
    await app.db.query(`UPDATE users SET role = 'coordinator' WHERE email = 'cody@example.com'`);
    await receiver.down();
  });

  const url = (path: string) => `${app.url}${path}`;
  const call = <T>(method: string, path: string, body?: unknown) =>
    http.request<Reply<T>>(method, url(path), { headers: admin.auth, body });
  const create = async (events: WebhookEventType[], path = '/', extra: Record<string, unknown> = {}) => {
    const reply = await call<CreatedWebhook>('POST', '/api/webhooks', {
      url: `${receiver.url}${path}`,
      events,
      ...extra,
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const deliveries = async (id: string, query = '') =>
    (await call<Page<WebhookDelivery>>('GET', `/api/webhooks/${id}/deliveries${query}`)).body;
  const webhook = async (id: string) =>
    (await call<Webhook[]>('GET', '/api/webhooks')).body.find((candidate) => candidate.id === id);
  const setRole = async (email: string, role: string) =>
    expect((await call('PATCH', `/api/auth/users/${email}/role`, { role })).status).toBe(200);
  const invite = async (email: string) =>
    expect((await call('POST', '/api/invitations', { email, role: 'driver' })).status).toBe(201);
  const tables = async () =>
    (
      await app.db.query(`SELECT (SELECT json_agg(w ORDER BY id) FROM webhook_endpoints w) AS endpoints,
        (SELECT count(*) FROM webhook_messages) AS messages, (SELECT count(*) FROM audit_events) AS events`)
    ).rows[0];
  const auditOf = async (action: string) =>
    (
      await app.db.query<{ actor_email: string; details: Record<string, unknown> }>(
        'SELECT actor_email, details FROM audit_events WHERE action = $1 ORDER BY id',
        [action],
      )
    ).rows;

  describe('endpoints', () => {
    it('registers an endpoint, answers its secret once, and audits webhook.created without it', async () => {
      const created = await create(['user.role_changed', 'invitation.created'], '/', { description: 'Payroll sync' });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(created.webhook).toEqual({
        id: expect.any(String),
        url: `${receiver.url}/`,
        description: 'Payroll sync',
        events: ['user.role_changed', 'invitation.created'],
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        failingSince: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const list = await call<Webhook[]>('GET', '/api/webhooks');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([created.webhook]);
      expect(list.text).not.toContain(created.secret.slice(6));
      const [event] = await auditOf('webhook.created');
      expect(event).toMatchObject({
        actor_email: 'ada@example.com',
        details: { webhookId: created.webhook.id, after: { url: `${receiver.url}/`, description: 'Payroll sync' } },
      });
      expect(JSON.stringify(await auditOf('webhook.created'))).not.toContain(created.secret.slice(6));
    });

    it('changes url, events, description and enabled, auditing only what changed', async () => {
      const { webhook: before } = await create(['user.role_changed']);
      const changed = await call<Webhook>('PATCH', `/api/webhooks/${before.id}`, {
        events: ['user.deleted', 'settings.changed'],
        description: 'CRM',
        enabled: false,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        events: ['user.deleted', 'settings.changed'],
        description: 'CRM',
        enabled: false,
        disabledReason: 'manual',
        disabledAt: expect.any(String),
      });
      const [event] = (await auditOf('webhook.changed')).slice(-1);
      expect(event.details).toEqual({
        webhookId: before.id,
        before: { events: ['user.role_changed'], description: '', enabled: true },
        after: { events: ['user.deleted', 'settings.changed'], description: 'CRM', enabled: false },
      });
      const enabled = await call<Webhook>('PATCH', `/api/webhooks/${before.id}`, { enabled: true });
      expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
      const count = (await auditOf('webhook.changed')).length;
      expect((await call('PATCH', `/api/webhooks/${before.id}`, { enabled: true })).status).toBe(200);
      expect(await auditOf('webhook.changed')).toHaveLength(count);
    });

    it('removes an endpoint with its queue and log, auditing webhook.deleted', async () => {
      const { webhook: hook } = await create(['user.role_changed']);
      await setRole('cody@example.com', 'driver');
      await eventually(async () => expect((await deliveries(hook.id)).total).toBe(1));
      expect((await call('DELETE', `/api/webhooks/${hook.id}`)).status).toBe(204);
      expect((await call('DELETE', `/api/webhooks/${hook.id}`)).status).toBe(404);
      expect((await call('GET', `/api/webhooks/${hook.id}/deliveries`)).status).toBe(404);
      const [event] = (await auditOf('webhook.deleted')).slice(-1);
      expect(event.details).toMatchObject({ webhookId: hook.id, before: { events: ['user.role_changed'] } });
      const left = await app.db.query(
        `SELECT (SELECT count(*) FROM webhook_messages WHERE endpoint_id = $1)::int AS messages,
                (SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = $1)::int AS deliveries`,
        [hook.id],
      );
      expect(left.rows[0]).toEqual({ messages: 0, deliveries: 0 });
    });

    it('refuses bad input with a clear 400 and writes nothing', async () => {
      const { webhook: hook } = await create(['user.role_changed']);
      const before = await tables();
      const good = { url: `${receiver.url}/`, events: ['user.role_changed'] };
      for (const [body, message] of [
        [{ ...good, url: 'ftp://hooks.example.com/' }, /http/],
        [{ ...good, url: 'not a url' }, /absolute URL/],
        [{ ...good, url: 'https://exa mple.com/' }, /absolute URL/],
        [{ ...good, url: "https://hooks.example.com/'; DROP TABLE webhook_endpoints; --#x" }, /fragment/],
        [{ ...good, url: 42 }, /url must be a string/],
        [{ ...good, description: 'd'.repeat(201) }, /description/],
        [{ ...good, url: 'https://user:secret@hooks.example.com/' }, /user name or password/],
        [{ ...good, url: `https://hooks.example.com/${'a'.repeat(2048)}` }, /url/],
        [{ ...good, events: ['user.exploded'] }, /events must each be one of/],
        [{ ...good, events: ['token.created'] }, /events must each be one of/],
        [{ ...good, events: ['webhook.deleted'] }, /events must each be one of/],
        [{ ...good, events: [] }, /events/],
        [{ ...good, events: 'user.role_changed' }, /events/],
        [{ ...good, events: ['user.deleted', 'user.deleted'] }, /events/],
        [{ ...good, description: 'line\nbreak' }, /control characters/],
        [{ ...good, secret: 'whsec_mine' }, /secret/],
        [{ events: ['user.role_changed'] }, /url/],
      ] as const) {
        const reply = await call('POST', '/api/webhooks', body);
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
        expect(reply.body.message).toMatch(message);
      }
      for (const body of [{ events: ['user.nope'] }, { url: 'gopher://x' }, { enabled: 'yes' }, { secret: 'x' }]) {
        const reply = await call('PATCH', `/api/webhooks/${hook.id}`, body);
        expect({ body, status: reply.status }).toEqual({ body, status: 400 });
      }
      expect((await call('PATCH', '/api/webhooks/not-a-uuid', { enabled: true })).status).toBe(400);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await call('PATCH', `/api/webhooks/${missing}`, { enabled: true })).status).toBe(404);
      expect((await call('POST', `/api/webhooks/${missing}/test`)).status).toBe(404);
      expect((await call('POST', `/api/webhooks/${hook.id}/deliveries/${missing}/redeliver`)).status).toBe(404);
      expect(await tables()).toEqual(before);
    });

    it('is for administrators only', async () => {
      const reply = await http.request('POST', url('/api/webhooks'), {
        headers: coordinator.auth,
        body: { url: `${receiver.url}/`, events: ['user.role_changed'] },
      });
      expect(reply.status).toBe(403);
      expect((await http.get(url('/api/webhooks'), coordinator.auth)).status).toBe(403);
    });
  });

  describe('delivery', () => {
    it('delivers a change, signed the Standard Webhooks way, with the audit event as data', async () => {
      const { webhook: hook, secret } = await create(['user.role_changed']);
      await setRole('cody@example.com', 'driver');
      const [payload] = await eventually(() => {
        expect(receiver.received).toHaveLength(1);
        return receiver.verified(secret);
      });
      const [request] = receiver.received;
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['webhook-id']).toBe(payload.id);
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      const [audit] = (
        await app.db.query<{ id: string }>(
          `SELECT max(id)::text AS id FROM audit_events WHERE action = 'user.role_changed'`,
        )
      ).rows;
      expect(payload).toEqual({
        id: `msg_${audit.id}`,
        type: 'user.role_changed',
        timestamp: expect.any(String),
        data: expect.objectContaining({
          id: audit.id,
          action: 'user.role_changed',
          actorEmail: 'ada@example.com',
          targetEmail: 'cody@example.com',
          details: { before: { role: 'coordinator' }, after: { role: 'driver' } },
        }),
      });
      expect(payload.timestamp).toBe((payload.data as { occurredAt: string }).occurredAt);
      // Another secret does not verify: the signature is really checked.
      expect(() => receiver.verified('whsec_' + Buffer.alloc(24, 1).toString('base64'))).toThrow();
      await eventually(async () =>
        expect((await deliveries(hook.id)).items).toEqual([
          {
            id: expect.any(String),
            eventId: payload.id,
            type: 'user.role_changed',
            attempt: 1,
            statusCode: 204,
            ok: true,
            durationMs: expect.any(Number),
            error: null,
            createdAt: expect.any(String),
          },
        ]),
      );
    });

    it('sends only subscribed events, and nothing while the endpoint is disabled', async () => {
      const { webhook: hook } = await create(['invitation.created']);
      await setRole('cody@example.com', 'driver');
      await call('PATCH', `/api/webhooks/${hook.id}`, { enabled: false });
      await invite('while-disabled@gmail.com');
      await call('PATCH', `/api/webhooks/${hook.id}`, { enabled: true });
      await invite('after@gmail.com');
      await eventually(() => expect(receiver.received).toHaveLength(1));
      expect(receiver.payloads()[0]).toMatchObject({
        type: 'invitation.created',
        data: { targetEmail: 'after@gmail.com' },
      });
      const queued = await app.db.query('SELECT type FROM webhook_messages WHERE endpoint_id = $1', [hook.id]);
      expect(queued.rows).toEqual([{ type: 'invitation.created' }]);
    });

    it('queues the event in the transaction of the change: a refused change queues nothing', async () => {
      const { webhook: hook } = await create(['invitation.created']);
      await invite('twice@gmail.com');
      expect((await call('POST', '/api/invitations', { email: 'twice@gmail.com', role: 'driver' })).status).toBe(409);
      await eventually(() => expect(receiver.received).toHaveLength(1));
      const queued = await app.db.query('SELECT count(*)::int AS n FROM webhook_messages WHERE endpoint_id = $1', [
        hook.id,
      ]);
      expect(queued.rows[0].n).toBe(1);
    });

    it('delivers each endpoint its events in order, one at a time, also a whole roster import', async () => {
      const { webhook: hook, secret } = await create(['invitation.created', 'settings.changed']);
      // The receiver answers slowly and unevenly: order must not depend on its speed.
      receiver.respond = async (_request, n, response) => {
        await new Promise((resolve) => setTimeout(resolve, (n * 37) % 60));
        response.writeHead(200).end('ok');
      };
      const emails = Array.from({ length: 25 }, (_, i) => `roster-${String(i).padStart(2, '0')}@gmail.com`);
      const csv = `email,role\n${emails.map((email) => `${email},driver`).join('\n')}\n`;
      const imported = await http.request('POST', url('/api/invitations/import'), {
        headers: { ...admin.auth, 'content-type': 'text/csv' },
        raw: csv,
      });
      expect(imported.status).toBe(200);
      for (const policy of ['approval', 'open'] as const) {
        await call('PUT', '/api/settings', { signUpPolicy: policy, defaultRole: 'coordinator' });
      }
      await invite('last@gmail.com');
      await eventually(() => expect(receiver.received).toHaveLength(28), 30_000);
      const payloads = receiver.verified(secret);
      expect(payloads.map((p) => [p.type, (p.data as { targetEmail: string | null }).targetEmail])).toEqual([
        ...emails.map((email) => ['invitation.created', email]),
        ['settings.changed', null],
        ['settings.changed', null],
        ['invitation.created', 'last@gmail.com'],
      ]);
      const ids = payloads.map((p) => Number(p.id.slice(4)));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      await eventually(async () => expect((await deliveries(hook.id, '?pageSize=100')).total).toBe(28));
    });

    it('sends a test event and redelivers a delivery with the same event id', async () => {
      const { webhook: hook, secret } = await create(['user.deleted']);
      const test = await call<WebhookQueued>('POST', `/api/webhooks/${hook.id}/test`);
      expect(test.status).toBe(202);
      expect(test.body.eventId).toMatch(/^msg_test_[0-9a-f]{24}$/);
      await eventually(() => expect(receiver.received).toHaveLength(1));
      expect(receiver.verified(secret)[0]).toMatchObject({
        id: test.body.eventId,
        type: 'webhook.test',
        data: { webhookId: hook.id },
      });
      const log = await eventually(async () => {
        const page = await deliveries(hook.id);
        expect(page.items).toHaveLength(1);
        return page;
      });
      expect(log).toMatchObject({ total: 1, page: 1, pageSize: 25 });
      const again = await call<WebhookQueued>(
        'POST',
        `/api/webhooks/${hook.id}/deliveries/${log.items[0].id}/redeliver`,
      );
      expect(again.status).toBe(202);
      expect(again.body.eventId).toBe(test.body.eventId);
      await eventually(() => expect(receiver.received).toHaveLength(2));
      expect(receiver.verified(secret).map((p) => p.id)).toEqual([test.body.eventId, test.body.eventId]);
      expect(receiver.received[1].headers['webhook-id']).toBe(test.body.eventId);
      await eventually(async () => expect((await deliveries(hook.id)).total).toBe(2));
      const paged = await deliveries(hook.id, '?page=2&pageSize=1');
      expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ eventId: test.body.eventId }] });

      await call('PATCH', `/api/webhooks/${hook.id}`, { enabled: false });
      const refused = await call('POST', `/api/webhooks/${hook.id}/test`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/disabled/);
    });
  });

  it('prunes delivered events and their log after 30 days, keeping what is pending', async () => {
    const { webhook: hook } = await create(['user.deleted']);
    const old = (await call<WebhookQueued>('POST', `/api/webhooks/${hook.id}/test`)).body.eventId;
    const recent = (await call<WebhookQueued>('POST', `/api/webhooks/${hook.id}/test`)).body.eventId;
    await eventually(async () => expect((await deliveries(hook.id)).total).toBe(2));
    await call('PATCH', `/api/webhooks/${hook.id}`, { enabled: false });
    await app.db.query(
      `INSERT INTO webhook_messages (endpoint_id, event_id, type, data, created_at)
       VALUES ($1, 'msg_old_pending', 'webhook.test', '{}', now() - interval '40 days')`,
      [hook.id],
    );
    await app.db.query(`UPDATE webhook_messages SET created_at = now() - interval '31 days' WHERE event_id = $1`, [
      old,
    ]);
    expect(await app.app.get(WebhookWorker).prune()).toBe(1);
    const left = await app.db.query('SELECT event_id FROM webhook_messages WHERE endpoint_id = $1 ORDER BY id', [
      hook.id,
    ]);
    expect(left.rows.map((row) => row.event_id)).toEqual([recent, 'msg_old_pending']);
    expect((await deliveries(hook.id)).items.map((delivery) => delivery.eventId)).toEqual([recent]);
  });

  describe('failures', () => {
    it('retries a 500 with the same webhook-id until the receiver answers 200, logging every attempt', async () => {
      const { webhook: hook, secret } = await create(['user.role_changed']);
      receiver.respond = (_request, n, response) => {
        response.writeHead(n < 2 ? 500 : 200).end();
      };
      await setRole('cody@example.com', 'driver');
      await eventually(() => expect(receiver.received).toHaveLength(3));
      const ids = receiver.verified(secret).map((p) => p.id);
      expect(new Set(ids).size).toBe(1);
      const log = await eventually(async () => {
        const page = await deliveries(hook.id);
        expect(page.total).toBe(3);
        return page;
      });
      expect(log.items.map((d) => [d.attempt, d.statusCode, d.ok, d.eventId])).toEqual([
        [3, 200, true, ids[0]],
        [2, 500, false, ids[0]],
        [1, 500, false, ids[0]],
      ]);
      // It was failing; the success cleared that.
      expect(await webhook(hook.id)).toMatchObject({ enabled: true, failingSince: null });
      const metrics = (await http.get(url('/api/metrics'))).text;
      expect(
        Number(metrics.match(/^webhook_deliveries_total\{outcome="failed"\} (\d+)$/m)?.[1]),
      ).toBeGreaterThanOrEqual(2);
      expect(
        Number(metrics.match(/^webhook_deliveries_total\{outcome="delivered"\} (\d+)$/m)?.[1]),
      ).toBeGreaterThanOrEqual(1);
    });

    it('shows when an endpoint started failing, and disables it after a day of failures', async () => {
      const { webhook: hook } = await create(['invitation.created']);
      receiver.respond = (_request, _n, response) => {
        response.writeHead(503).end();
      };
      await invite('failing-1@gmail.com');
      await eventually(async () => expect((await webhook(hook.id))?.failingSince).not.toBeNull());
      expect(await webhook(hook.id)).toMatchObject({ enabled: true, disabledReason: null });
      // A day of failures, as if it had been failing since yesterday.
      await app.db.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '25 hours' WHERE id = $1`, [
        hook.id,
      ]);
      await eventually(async () =>
        expect(await webhook(hook.id)).toMatchObject({
          enabled: false,
          disabledReason: 'failing',
          disabledAt: expect.any(String),
          failingSince: expect.any(String),
        }),
      );
      // Disabled: new events are not queued, and nothing is attempted.
      const attempts = receiver.received.length;
      await invite('failing-2@gmail.com');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(attempts);
      // Enabled again: the failure state is cleared and the pending event is delivered.
      receiver.respond = (_request, _n, response) => {
        response.writeHead(200).end();
      };
      const enabled = await call<Webhook>('PATCH', `/api/webhooks/${hook.id}`, { enabled: true });
      expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
      await eventually(async () => expect((await deliveries(hook.id)).items[0]).toMatchObject({ ok: true }));
      expect(receiver.payloads().slice(-1)[0]).toMatchObject({ data: { targetEmail: 'failing-1@gmail.com' } });
    });

    it('gives an event up after a day of failed attempts, then goes on with the next', async () => {
      const { webhook: hook } = await create(['invitation.created']);
      receiver.respond = (request, _n, response) => {
        const target = (request.payload.data as { targetEmail: string }).targetEmail;
        response.writeHead(target === 'doomed@gmail.com' ? 500 : 200).end();
      };
      await invite('doomed@gmail.com');
      await invite('next@gmail.com');
      await eventually(async () => expect((await deliveries(hook.id)).total).toBeGreaterThanOrEqual(1));
      await app.db.query(
        `UPDATE webhook_messages SET created_at = now() - interval '25 hours' WHERE endpoint_id = $1 AND delivered_at IS NULL`,
        [hook.id],
      );
      await eventually(() =>
        expect(receiver.payloads().slice(-1)[0]).toMatchObject({ data: { targetEmail: 'next@gmail.com' } }),
      );
      const given = await app.db.query(
        `SELECT m.type, m.given_up_at IS NOT NULL AS given_up FROM webhook_messages m
          JOIN audit_events a ON a.id = m.audit_event_id WHERE m.endpoint_id = $1 AND a.target_email = 'doomed@gmail.com'`,
        [hook.id],
      );
      expect(given.rows).toEqual([{ type: 'invitation.created', given_up: true }]);
    });

    it('does not follow redirects: a 3xx is a failed attempt', async () => {
      const { webhook: hook } = await create(['user.role_changed']);
      receiver.respond = (_request, _n, response) => {
        response.writeHead(307, { location: `${receiver.url}/elsewhere` }).end();
      };
      await setRole('cody@example.com', 'driver');
      await eventually(async () =>
        expect((await deliveries(hook.id)).items.slice(-1)[0]).toMatchObject({
          attempt: 1,
          statusCode: 307,
          ok: false,
          error: 'redirect not followed',
        }),
      );
      expect(receiver.received.every((request) => request.path === '/')).toBe(true);
    });

    it('reads at most 64 KiB of an answer: an endless body does not hold the attempt', async () => {
      const { webhook: hook } = await create(['user.role_changed']);
      receiver.respond = (_request, _n, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      };
      await setRole('cody@example.com', 'driver');
      await eventually(async () =>
        expect((await deliveries(hook.id)).items[0]).toMatchObject({ attempt: 1, statusCode: 200, ok: true }),
      );
    });

    it('times a slow receiver out and tries again', async () => {
      const { webhook: hook } = await create(['user.role_changed']);
      receiver.respond = async (_request, n, response) => {
        if (n === 0) await new Promise((resolve) => setTimeout(resolve, 2500));
        if (!response.destroyed) response.writeHead(200).end();
      };
      await setRole('cody@example.com', 'driver');
      const log = await eventually(async () => {
        const page = await deliveries(hook.id);
        expect(page.items.map((d) => d.ok)).toEqual([true, false]);
        return page;
      });
      expect(log.items[1]).toMatchObject({ attempt: 1, statusCode: null, error: 'timed out after 1000 ms' });
      expect(log.items[0]).toMatchObject({ attempt: 2, statusCode: 200 });
    });
  });
});

describe('webhooks and private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS unset)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let receiver: WebhookReceiver;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp({ env: { ...FAST_WEBHOOKS, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' } });
    admin = await signIn(app, aGoogleIdentity());
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.down();
    await app.close();
  });

  const create = (webhookUrl: string) =>
    http.request<{ message: string }>('POST', `${app.url}/api/webhooks`, {
      headers: admin.auth,
      body: { url: webhookUrl, events: ['settings.changed'] },
    });

  it('refuses http:// and loopback, private and link-local addresses, IPv4 and IPv6, and writes nothing', async () => {
    const port = receiver.port;
    for (const [webhookUrl, message] of [
      [`http://hooks.example.com/`, /https/],
      [`https://127.0.0.1:${port}/`, /loopback, private or link-local/],
      [`https://localhost:${port}/`, /loopback/],
      [`https://api.localhost/`, /loopback/],
      [`https://[::1]:${port}/`, /loopback/],
      [`https://[::ffff:127.0.0.1]:${port}/`, /loopback/],
      [`https://[::ffff:10.0.0.1]/`, /private/],
      [`https://0.0.0.0:${port}/`, /loopback/],
      ['https://10.1.2.3/', /private/],
      ['https://172.16.0.1/', /private/],
      ['https://192.168.1.1/', /private/],
      ['https://100.64.0.1/', /private/],
      ['https://169.254.169.254/latest/meta-data/', /link-local/],
      ['https://[fd00::1]/', /private/],
      ['https://[fe80::1]/', /link-local/],
    ] as const) {
      const reply = await create(webhookUrl);
      expect({ webhookUrl, status: reply.status }).toEqual({ webhookUrl, status: 400 });
      expect(reply.body.message).toMatch(message);
    }
    const rows = await app.db.query('SELECT count(*)::int AS n FROM webhook_endpoints');
    expect(rows.rows[0].n).toBe(0);
    expect((await create('https://hooks.example.com/vip')).status).toBe(201);
    await app.db.query('DELETE FROM webhook_endpoints');
  });

  it('checks the address a name resolves to when delivering, and never connects to a private one', async () => {
    const created = await create('https://hooks.example.com/vip');
    const { id } = (created.body as unknown as CreatedWebhook).webhook;
    // The name now resolves to loopback (as if its DNS changed after registration).
    await app.db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [
      id,
      `https://localhost:${receiver.port}/`,
    ]);
    expect(
      (
        await http.request('PUT', `${app.url}/api/settings`, {
          headers: admin.auth,
          body: { signUpPolicy: 'approval', defaultRole: 'coordinator' },
        })
      ).status,
    ).toBe(200);
    const log = await eventually(async () => {
      const page = await http.get<Page<WebhookDelivery>>(`${app.url}/api/webhooks/${id}/deliveries`, admin.auth);
      expect(page.body.items.length).toBeGreaterThanOrEqual(1);
      return page.body;
    });
    expect(log.items.slice(-1)[0]).toMatchObject({
      attempt: 1,
      ok: false,
      statusCode: null,
      error: expect.stringMatching(/^address not allowed: localhost resolves to (127\.0\.0\.1|::1)/),
    });
    expect(receiver.connections).toBe(0);
  });
});

/**
 * Deleting an endpoint locks it, then (by cascade) its messages. Recording an attempt must
 * take the same order, or the two deadlock and PostgreSQL fails one (it failed this file's
 * clean-up once). With the endpoint locked by a delete in progress, a recording waits for
 * the endpoint without holding its message.
 */
describe('webhook attempts and endpoint deletion', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: FAST_WEBHOOKS });
  });
  afterAll(() => app.close());

  it.each(['delivered', 'failed'] as const)(
    'a %s attempt waits for the endpoint before it locks the message',
    async (result) => {
      const { WebhooksRepository } = await import('../src/webhooks/webhooks.repository');
      const repository = app.app.get(WebhooksRepository);
      // Disabled, so the app's own worker leaves its message alone.
      const [message] = (
        await app.db.query<{ id: string; endpoint_id: string; created_at: Date }>(
          `WITH endpoint AS (
             INSERT INTO webhook_endpoints (url, events, secret, enabled, disabled_reason, disabled_at)
             VALUES ('https://hooks.example.com/', '{user.created}', repeat('s', 32), false, 'manual', now()) RETURNING id
           )
           INSERT INTO webhook_messages (endpoint_id, event_id, type, data, attempts)
           SELECT id, 'msg_lock_order_${result}', 'user.created', '{}', 1 FROM endpoint
           RETURNING id, endpoint_id, created_at`,
        )
      ).rows;
      const deleting = await app.db.connect();
      const probe = await app.db.connect();
      try {
        await deleting.query('BEGIN');
        await deleting.query('SELECT 1 FROM webhook_endpoints WHERE id = $1 FOR UPDATE', [message.endpoint_id]);
        const claimed = {
          ...message,
          event_id: `msg_lock_order_${result}`,
          type: 'user.created',
          data: {},
          attempts: 1,
          url: 'https://hooks.example.com/',
          secret: 's'.repeat(32),
          audit_event_id: null,
        };
        const outcome = { statusCode: 200, ok: result === 'delivered', durationMs: 5, error: null };
        const recording =
          result === 'delivered' ? repository.delivered(claimed, outcome) : repository.failed(claimed, outcome, 5_000);
        // Wait until the recording is blocked on a lock.
        await eventually(async () => {
          const { rows } = await probe.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          expect(rows.length).toBeGreaterThan(0);
        });
        // The message is not held: a delete of the endpoint could take it and finish.
        await probe.query('BEGIN');
        await expect(
          probe.query('SELECT 1 FROM webhook_messages WHERE id = $1 FOR UPDATE NOWAIT', [message.id]),
        ).resolves.toMatchObject({ rowCount: 1 });
        await probe.query('ROLLBACK');
        await deleting.query('DELETE FROM webhook_endpoints WHERE id = $1', [message.endpoint_id]);
        await deleting.query('COMMIT');
        await expect(recording).resolves.toBeUndefined();
        expect((await app.db.query('SELECT 1 FROM webhook_messages WHERE id = $1', [message.id])).rowCount).toBe(0);
      } finally {
        await deleting.query('ROLLBACK').catch(() => undefined);
        deleting.release();
        probe.release();
      }
    },
  );
});
