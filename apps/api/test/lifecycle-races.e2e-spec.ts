import type { Invitation, User } from '@vip/shared-dto';
import { ADMINISTRATORS_LOCK } from '../src/users/users.repository';
import { aGoogleIdentity, encodeIdentity, type FakeIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type Reply, type SignedIn, type TestApp } from './support/test-app';

/**
 * The access-lifecycle rules raced for real: a test connection holds the administrators
 * lock while the requests are fired, waits until every one of them is queued on it in
 * PostgreSQL, then lets go. Each race must end in exactly one consistent outcome, with
 * exactly the audit events of what happened.
 */
describe('access lifecycle under concurrency', () => {
  let app: TestApp;
  let second: TestApp;
  let admin: SignedIn;
  const http = new Browser();

  beforeAll(async () => {
    app = await startTestApp();
    // A second API instance on the same database, as behind a load balancer.
    second = await startTestApp({ databaseUrl: app.databaseUrl });
    admin = await signIn(app, aGoogleIdentity({ email: 'ada@example.com' }));
  });
  afterAll(async () => {
    await second.close();
    await app.close();
  });

  const url = (path: string) => `${app.url}${path}`;
  const setPolicy = async (signUpPolicy: string) =>
    expect(
      (
        await http.request('PUT', url('/api/settings'), {
          headers: admin.auth,
          body: { signUpPolicy, defaultRole: 'coordinator' },
        })
      ).status,
    ).toBe(200);
  const lastEventId = async () =>
    (await app.db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_events')).rows[0].id;
  const actionsAfter = async (id: string) =>
    (
      await app.db.query<{ action: string; target_email: string | null }>(
        'SELECT action, target_email FROM audit_events WHERE id > $1 ORDER BY id',
        [id],
      )
    ).rows;

  /** Requests queued on the administrators lock right now (in this test's database). */
  async function waiters(): Promise<number> {
    const rows = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND objid = $1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [ADMINISTRATORS_LOCK],
    );
    return rows.rows[0].n;
  }

  async function untilWaiting(count: number): Promise<void> {
    while ((await waiters()) < count) await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Holds the lock, fires each batch once the previous ones are all queued behind it (so
   * PostgreSQL grants them in that order), then releases the lock and awaits them all.
   */
  async function overlapping<T>(...batches: (() => Promise<T>)[][]): Promise<T[]> {
    const holder = await app.db.connect();
    const started: Promise<T>[] = [];
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [ADMINISTRATORS_LOCK]);
      for (const batch of batches) {
        started.push(...batch.map((fire) => fire()));
        await untilWaiting(started.length);
      }
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [ADMINISTRATORS_LOCK]);
      holder.release();
    }
    return Promise.all(started);
  }

  /** Runs a Google sign-in up to its callback, which is returned unfired. */
  async function callbackOf(
    identity: FakeIdentity,
    on: TestApp = app,
  ): Promise<{ browser: Browser; fire: () => Promise<Reply> }> {
    const browser = new Browser(on.origin);
    const start = await browser.get(`${on.url}/api/auth/google?login_hint=${encodeIdentity(identity)}`);
    const consent = await browser.get(start.headers.get('location')!);
    const callback = consent.headers.get('location')!;
    return { browser, fire: () => browser.get(callback) };
  }
  const errorOf = (reply: Reply) => new URL(reply.headers.get('location')!).searchParams.get('error');

  it('approve and reject of one pending account: exactly one wins, in either order', async () => {
    await setPolicy('approval');
    for (const approveFirst of [true, false]) {
      const waiting = await signIn(app, aGoogleIdentity());
      const email = encodeURIComponent(waiting.user.email);
      const approve = () =>
        http.request<User>('POST', url(`/api/auth/users/${email}/approve`), {
          headers: admin.auth,
          body: { role: 'driver' },
        });
      const reject = () => http.request('POST', url(`/api/auth/users/${email}/reject`), { headers: admin.auth });
      const from = await lastEventId();
      const [first, then] = await overlapping([approveFirst ? approve : reject], [approveFirst ? reject : approve]);
      const stored = await app.db.query<{ status: string; role: string }>(
        'SELECT status, role FROM users WHERE id = $1',
        [waiting.user.id],
      );
      const actions = (await actionsAfter(from)).map((event) => event.action);
      if (approveFirst) {
        expect([first.status, then.status]).toEqual([200, 409]);
        expect(stored.rows).toEqual([{ status: 'active', role: 'driver' }]);
        expect(actions).toEqual(['user.approved']);
      } else {
        expect([first.status, then.status]).toEqual([204, 404]);
        expect(stored.rows).toEqual([]);
        expect(actions).toEqual(['user.rejected']);
      }
    }
    await setPolicy('open');
  });

  it('two administrators disabling each other: exactly one is disabled, one active administrator remains', async () => {
    const a = await signIn(app, aGoogleIdentity());
    const b = await signIn(app, aGoogleIdentity());
    for (const person of [a, b]) {
      await http.request('PATCH', url(`/api/auth/users/${encodeURIComponent(person.user.email)}/role`), {
        headers: admin.auth,
        body: { role: 'administrator' },
      });
    }
    // Ada steps aside, so a and b are the only active administrators.
    await http.request('PATCH', url('/api/auth/users/ada%40example.com/role'), {
      headers: a.auth,
      body: { role: 'coordinator' },
    });
    const from = await lastEventId();
    const [ab, ba] = await overlapping(
      [
        () =>
          http.request('POST', url(`/api/auth/users/${encodeURIComponent(b.user.email)}/disable`), { headers: a.auth }),
      ],
      [
        () =>
          http.request('POST', url(`/api/auth/users/${encodeURIComponent(a.user.email)}/disable`), { headers: b.auth }),
      ],
    );
    // The first disables the second, whose own request then finds its actor disabled.
    expect([ab.status, ba.status]).toEqual([200, 403]);
    const statuses = await app.db.query<{ email: string; status: string }>(
      'SELECT email, status FROM users WHERE id = ANY($1) ORDER BY email',
      [[a.user.id, b.user.id]],
    );
    expect(Object.fromEntries(statuses.rows.map((row) => [row.email, row.status]))).toEqual({
      [a.user.email]: 'active',
      [b.user.email]: 'disabled',
    });
    expect((await actionsAfter(from)).map((event) => [event.action, event.target_email])).toEqual([
      ['user.disabled', b.user.email],
    ]);
    const active = await app.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE role = 'administrator' AND status = 'active'",
    );
    expect(active.rows[0].n).toBe(1);
    // Ada back as administrator for the tests that follow.
    await http.request('PATCH', url('/api/auth/users/ada%40example.com/role'), {
      headers: a.auth,
      body: { role: 'administrator' },
    });
  });

  it('an invitation revoked while its person signs in: either revoked and refused, or accepted and not revocable', async () => {
    await setPolicy('invitation');
    for (const revokeFirst of [true, false]) {
      const identity = aGoogleIdentity({ email: `raced-${revokeFirst}@gmail.com` });
      const invitation = (
        await http.request<Invitation>('POST', url('/api/invitations'), {
          headers: admin.auth,
          body: { email: identity.email, role: 'driver' },
        })
      ).body;
      const signingIn = await callbackOf(identity);
      const revoke = () => http.request('DELETE', url(`/api/invitations/${invitation.id}`), { headers: admin.auth });
      const from = await lastEventId();
      const [first, then] = await overlapping<Reply>(
        [revokeFirst ? revoke : signingIn.fire],
        [revokeFirst ? signingIn.fire : revoke],
      );
      const [revoked, callback] = revokeFirst ? [first, then] : [then, first];
      const account = await app.db.query<{ status: string; role: string }>(
        'SELECT status, role FROM users WHERE email = $1',
        [identity.email],
      );
      const state = await app.db.query<{ accepted: boolean; revoked: boolean }>(
        'SELECT accepted_at IS NOT NULL AS accepted, revoked_at IS NOT NULL AS revoked FROM invitations WHERE id = $1',
        [invitation.id],
      );
      const actions = (await actionsAfter(from)).map((event) => event.action);
      if (revokeFirst) {
        expect(revoked.status).toBe(204);
        expect(errorOf(callback)).toBe('not_invited');
        expect(account.rows).toEqual([]);
        expect(state.rows).toEqual([{ accepted: false, revoked: true }]);
        expect(actions).toEqual(['invitation.revoked', 'user.sign_in_refused']);
      } else {
        expect(callback.status).toBe(302);
        expect(errorOf(callback)).toBeNull();
        expect(revoked.status).toBe(409);
        expect(account.rows).toEqual([{ status: 'active', role: 'driver' }]);
        expect(state.rows).toEqual([{ accepted: true, revoked: false }]);
        expect(actions).toEqual(['user.signed_in', 'invitation.accepted']);
      }
    }
    await setPolicy('open');
  });

  it('20 invited people signing in while their roster is imported: each either refused before it or admitted by it', async () => {
    await setPolicy('invitation');
    const people = Array.from({ length: 20 }, (_, i) => aGoogleIdentity({ email: `roster-race-${i}@gmail.com` }));
    const csv = `email,role\n${people.map((person) => `${person.email},driver`).join('\n')}\n`;
    // Half before the import and half after it, over two API instances.
    const callbacks = await Promise.all(people.map((person, i) => callbackOf(person, i % 2 ? second : app)));
    const from = await lastEventId();
    const importing = () =>
      http.request<{ created: number }>('POST', url('/api/invitations/import'), {
        headers: { ...admin.auth, 'content-type': 'text/csv' },
        raw: csv,
      });
    const replies = await overlapping<Reply>(
      callbacks.slice(0, 10).map((callback) => callback.fire),
      [importing],
      callbacks.slice(10).map((callback) => callback.fire),
    );
    const signIns = [...replies.slice(0, 10), ...replies.slice(11)];
    const imported = replies[10] as Reply<{ created: number }>;
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(20);
    expect(signIns.slice(0, 10).map(errorOf)).toEqual(Array(10).fill('not_invited'));
    expect(signIns.slice(10).map(errorOf)).toEqual(Array(10).fill(null));

    const outcome = await app.db.query<{
      email: string;
      status: string | null;
      role: string | null;
      accepted: boolean;
    }>(
      `SELECT i.email, u.status, u.role, i.accepted_at IS NOT NULL AS accepted
         FROM invitations i LEFT JOIN users u ON u.email = i.email
        WHERE i.email LIKE 'roster-race-%' ORDER BY i.email`,
    );
    expect(outcome.rows).toHaveLength(20);
    for (const row of outcome.rows) {
      const index = Number(/roster-race-(\d+)@/.exec(row.email)![1]);
      // Exactly one consistent outcome per person: an account and an accepted invitation, or neither.
      if (index < 10) expect(row).toMatchObject({ status: null, role: null, accepted: false });
      else expect(row).toMatchObject({ status: 'active', role: 'driver', accepted: true });
    }
    const events = await actionsAfter(from);
    const count = (action: string) => events.filter((event) => event.action === action).length;
    expect(count('user.sign_in_refused')).toBe(10);
    expect(count('invitation.created')).toBe(20);
    expect(count('user.signed_in')).toBe(10);
    expect(count('invitation.accepted')).toBe(10);
    expect(events).toHaveLength(50);
    await setPolicy('open');
  });
});
