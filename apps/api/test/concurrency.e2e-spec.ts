import type { User } from '@vip/shared-dto';
import { Pool } from 'pg';
import { buildApi, startApiProcess, type ApiProcess } from './support/api-process';
import { createTestDatabase } from './support/databases';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

/** The contract's rules that must hold under concurrency, raced for real. */
describe('rules under concurrency', () => {
  const http = new Browser();

  describe('first administrator, on two API processes sharing one database', () => {
    let database: { url: string; drop(): Promise<void> };
    let db: Pool;
    let first: ApiProcess;
    let second: ApiProcess;

    beforeAll(async () => {
      buildApi();
      database = await createTestDatabase();
      db = new Pool({ connectionString: database.url, max: 2 });
      // Two processes, as behind a load balancer: each has its own passport strategy and pool.
      [first, second] = await Promise.all([startApiProcess(database.url), startApiProcess(database.url)]);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([first?.stop(), second?.stop()]);
      await db.end();
      await database.drop();
    });

    it('24 first sign-ins racing over both yield exactly one administrator, and the audit trail says so', async () => {
      const identities = Array.from({ length: 24 }, () => aGoogleIdentity());
      const results = await Promise.all(identities.map((identity, i) => signIn(i % 2 ? second : first, identity)));
      const roles = results.map((result) => result.user.role);
      expect(roles.filter((role) => role === 'administrator')).toHaveLength(1);
      expect(roles.filter((role) => role === 'coordinator')).toHaveLength(23);
      const stored = await db.query<{ role: string; n: number }>(
        'SELECT role, count(*)::int AS n FROM users GROUP BY role ORDER BY role',
      );
      expect(stored.rows).toEqual([
        { role: 'administrator', n: 1 },
        { role: 'coordinator', n: 23 },
      ]);
      const administrator = results.find((result) => result.user.role === 'administrator')!.user;
      const events = await db.query<{ action: string; target_id: string; created: boolean | null }>(
        `SELECT action, target_id, (details->>'created')::boolean AS created FROM audit_events ORDER BY id`,
      );
      expect(events.rows.filter((e) => e.action === 'user.first_administrator')).toEqual([
        { action: 'user.first_administrator', target_id: administrator.id, created: null },
      ]);
      const signedIn = events.rows.filter((e) => e.action === 'user.signed_in');
      expect(signedIn).toHaveLength(24);
      expect(new Set(signedIn.map((e) => e.target_id))).toEqual(new Set(results.map((result) => result.user.id)));
      expect(signedIn.every((e) => e.created === true)).toBe(true);
    });

    it('the same person signing in on both at once gets one account', async () => {
      const identity = aGoogleIdentity();
      const [a, b] = await Promise.all([signIn(first, identity), signIn(second, identity)]);
      expect(a.user.id).toBe(b.user.id);
      expect((await db.query('SELECT 1 FROM users WHERE provider_subject = $1', [identity.sub])).rowCount).toBe(1);
    });
  });

  describe('last administrator', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    const administrators = async () =>
      (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'administrator'`)).rows[0]
        .n;

    it('two administrators demoting each other at once leave exactly one', async () => {
      for (let round = 0; round < 5; round++) {
        await app.db.query('DELETE FROM users');
        const a = await signIn(app, aGoogleIdentity());
        const b = await signIn(app, aGoogleIdentity());
        await http.request('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, {
          headers: a.auth,
          body: { role: 'administrator' },
        });
        expect(await administrators()).toBe(2);

        const [ab, ba] = await Promise.all([
          http.request<User>('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, {
            headers: a.auth,
            body: { role: 'coordinator' },
          }),
          http.request<User>('PATCH', `${app.url}/api/auth/users/${a.user.email}/role`, {
            headers: b.auth,
            body: { role: 'coordinator' },
          }),
        ]);
        expect([ab.status, ba.status].sort()).toEqual([200, expect.any(Number)]);
        expect([ab.status, ba.status].filter((status) => status === 200)).toHaveLength(1);
        // The loser is refused: 409 if it still was an administrator, or 403 if it
        // had just been demoted by the winner.
        expect([403, 409]).toContain(ab.status === 200 ? ba.status : ab.status);
        expect(await administrators()).toBe(1);
      }
    });

    it('two administrators deleting each other at once leave exactly one', async () => {
      await app.db.query('DELETE FROM users');
      const a = await signIn(app, aGoogleIdentity());
      const b = await signIn(app, aGoogleIdentity());
      await http.request('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, {
        headers: a.auth,
        body: { role: 'administrator' },
      });
      const results = await Promise.all([
        http.request('DELETE', `${app.url}/api/auth/users/${b.user.email}`, { headers: a.auth }),
        http.request('DELETE', `${app.url}/api/auth/users/${a.user.email}`, { headers: b.auth }),
      ]);
      expect(results.filter((r) => r.status === 204)).toHaveLength(1);
      expect(await administrators()).toBe(1);
    });

    it('many concurrent demotions of several administrators never leave none', async () => {
      await app.db.query('DELETE FROM users');
      const admins: SignedIn[] = [];
      for (let i = 0; i < 4; i++) admins.push(await signIn(app, aGoogleIdentity()));
      for (const other of admins.slice(1)) {
        await http.request('PATCH', `${app.url}/api/auth/users/${other.user.email}/role`, {
          headers: admins[0].auth,
          body: { role: 'administrator' },
        });
      }
      expect(await administrators()).toBe(4);
      await Promise.all(
        admins.flatMap((actor) =>
          admins.map((target) =>
            http.request('PATCH', `${app.url}/api/auth/users/${target.user.email}/role`, {
              headers: actor.auth,
              body: { role: 'driver' },
            }),
          ),
        ),
      );
      expect(await administrators()).toBe(1);
    });
  });
});
