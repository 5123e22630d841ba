import type { CreatedWebhook, WebhookEventType } from '@vip/shared-dto';
import { aGoogleIdentity } from '@vip/testing';
import { Pool } from 'pg';
import { buildApi, startApiProcess, type ApiProcess } from './support/api-process';
import { createTestDatabase } from './support/databases';
import { Browser, signIn, type SignedIn } from './support/test-app';
import { FAST_WEBHOOKS, WebhookReceiver, eventually } from './support/webhook-receiver';

/**
 * Webhooks when things go wrong, with real API processes (as deployed) on one database
 * and a real receiver on loopback: the receiver away, the API killed, two instances.
 */
describe('webhook faults', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Pool;
  let receiver: WebhookReceiver;
  let admin: SignedIn | undefined;
  const running = new Set<ApiProcess>();
  const http = new Browser();

  beforeAll(async () => {
    buildApi();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 2 });
    receiver = await WebhookReceiver.start();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...running].map((api) => api.stop()));
    await receiver.down();
    await db.end();
    await database.drop();
  });
  afterEach(async () => {
    await db.query('DELETE FROM webhook_endpoints');
  });

  const start = async () => {
    const api = await startApiProcess(database.url, FAST_WEBHOOKS);
    running.add(api);
    // The first account is the administrator; its session works on every instance.
    admin ??= await signIn(api, aGoogleIdentity({ email: 'ada@example.com' }));
    return api;
  };
  const auth = () => admin!.auth;
  const stop = async (api: ApiProcess, how: 'stop' | 'kill' = 'stop') => {
    await api[how]();
    running.delete(api);
  };
  const createWebhook = async (api: ApiProcess, path: string, events: WebhookEventType[] = ['invitation.created']) => {
    const reply = await http.request<CreatedWebhook>('POST', `${api.url}/api/webhooks`, {
      headers: auth(),
      body: { url: `${receiver.url}${path}`, events },
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const invite = async (api: ApiProcess, email: string) => {
    const reply = await http.request('POST', `${api.url}/api/invitations`, {
      headers: auth(),
      body: { email, role: 'driver' },
    });
    expect(reply.status).toBe(201);
  };
  const invitees = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}@gmail.com`);
  const targets = (path: string) =>
    receiver.payloads(path).map((payload) => (payload.data as { targetEmail: string }).targetEmail);
  const failedAttempts = async (endpointId: string) =>
    (
      await db.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND NOT ok', [
        endpointId,
      ])
    ).rows[0].n as number;
  const pending = async (endpointId: string) =>
    (
      await db.query(
        'SELECT count(*)::int AS n FROM webhook_messages WHERE endpoint_id = $1 AND delivered_at IS NULL AND given_up_at IS NULL',
        [endpointId],
      )
    ).rows[0].n as number;

  it('retries while the receiver is down, then delivers everything in order', async () => {
    const api = await start();
    const { webhook, secret } = await createWebhook(api, '/down');
    await receiver.down();
    const emails = invitees('down', 6);
    for (const email of emails) await invite(api, email);
    // Refused a few times: the head is retried, the others wait behind it.
    await eventually(async () => expect(await failedAttempts(webhook.id)).toBeGreaterThanOrEqual(3));
    expect(receiver.received).toHaveLength(0);
    await receiver.up();
    await eventually(() => expect(targets('/down')).toEqual(emails), 30_000);
    expect(receiver.verified(secret, '/down').map((payload) => payload.type)).toEqual(
      emails.map(() => 'invitation.created'),
    );
    await stop(api);
  });

  it('two API instances deliver each event exactly once between them, in order', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    const { webhook } = await createWebhook(first, '/two');
    const emails = invitees('two', 40);
    // Changes arrive through both instances, two at a time.
    for (let i = 0; i < emails.length; i += 2) {
      await Promise.all([invite(first, emails[i]), invite(second, emails[i + 1])]);
    }
    await eventually(async () => expect(await pending(webhook.id)).toBe(0), 30_000);
    const delivered = receiver.payloads('/two');
    expect(new Set(delivered.map((payload) => payload.id)).size).toBe(emails.length);
    expect(delivered).toHaveLength(emails.length);
    const ids = delivered.map((payload) => Number(payload.id.slice('msg_'.length)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(targets('/two'))).toEqual(new Set(emails));
    const attempts = await db.query('SELECT attempt, ok FROM webhook_deliveries WHERE endpoint_id = $1', [webhook.id]);
    expect(attempts.rows).toHaveLength(emails.length);
    expect(attempts.rows.every((row) => row.attempt === 1 && row.ok)).toBe(true);
    await Promise.all([stop(first), stop(second)]);
  });

  it('a killed API loses nothing: pending deliveries go out after the restart', async () => {
    const api = await start();
    const { webhook } = await createWebhook(api, '/killed');
    let receiving = false;
    receiver.respond = (request, _n, response) => {
      response.writeHead(request.path === '/killed' && !receiving ? 500 : 200).end();
    };
    const emails = invitees('killed', 5);
    for (const email of emails) await invite(api, email);
    await eventually(async () => expect(await failedAttempts(webhook.id)).toBeGreaterThanOrEqual(2));
    await stop(api, 'kill');
    expect(await pending(webhook.id)).toBe(emails.length);
    receiving = true;
    const restarted = await start();
    // A claim held by the killed process runs out after the attempt timeout plus a margin (21 s here).
    await eventually(async () => expect(await pending(webhook.id)).toBe(0), 45_000);
    // Before the kill only the head was tried (and refused); after the restart everything went out, in order.
    const got = targets('/killed');
    expect(got.slice(-emails.length)).toEqual(emails);
    expect(got.slice(0, -emails.length).every((email) => email === emails[0])).toBe(true);
    await stop(restarted);
  }, 90_000);
});
