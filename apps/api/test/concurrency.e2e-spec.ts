import type { User } from '@vip/shared-dto';
import { aGoogleIdentity } from '@vip/testing';
import { Browser, signIn, startTestApp, type SignedIn, type TestApp } from './support/test-app';

/** The contract's rules that must hold under concurrency, raced for real. */
describe('rules under concurrency', () => {
  const http = new Browser();

  describe('first administrator', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      first = await startTestApp();
      // A second API instance on the same database, as behind a load balancer.
      second = await startTestApp({ databaseUrl: first.databaseUrl });
    });
    afterAll(async () => {
      await second.close();
      await first.close();
    });

    it('24 first sign-ins racing over two instances yield exactly one administrator', async () => {
      const identities = Array.from({ length: 24 }, () => aGoogleIdentity());
      const results = await Promise.all(identities.map((identity, i) => signIn(i % 2 ? second : first, identity)));
      const roles = results.map((result) => result.user.role);
      expect(roles.filter((role) => role === 'administrator')).toHaveLength(1);
      expect(roles.filter((role) => role === 'coordinator')).toHaveLength(23);
      const stored = await first.db.query<{ role: string; n: number }>('SELECT role, count(*)::int AS n FROM users GROUP BY role ORDER BY role');
      expect(stored.rows).toEqual([
        { role: 'administrator', n: 1 },
        { role: 'coordinator', n: 23 },
      ]);
    });

    it('the same person signing in twice at once gets one account', async () => {
      const identity = aGoogleIdentity();
      const [a, b] = await Promise.all([signIn(first, identity), signIn(second, identity)]);
      expect(a.user.id).toBe(b.user.id);
      expect((await first.db.query('SELECT 1 FROM users WHERE provider_subject = $1', [identity.sub])).rowCount).toBe(1);
    });
  });

  describe('last administrator', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    const administrators = async () =>
      (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'administrator'`)).rows[0].n;

    it('two administrators demoting each other at once leave exactly one', async () => {
      for (let round = 0; round < 5; round++) {
        await app.db.query('DELETE FROM users');
        const a = await signIn(app, aGoogleIdentity());
        const b = await signIn(app, aGoogleIdentity());
        await http.request('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, { headers: a.auth, body: { role: 'administrator' } });
        expect(await administrators()).toBe(2);

        const [ab, ba] = await Promise.all([
          http.request<User>('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, { headers: a.auth, body: { role: 'coordinator' } }),
          http.request<User>('PATCH', `${app.url}/api/auth/users/${a.user.email}/role`, { headers: b.auth, body: { role: 'coordinator' } }),
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
      await http.request('PATCH', `${app.url}/api/auth/users/${b.user.email}/role`, { headers: a.auth, body: { role: 'administrator' } });
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
        await http.request('PATCH', `${app.url}/api/auth/users/${other.user.email}/role`, { headers: admins[0].auth, body: { role: 'administrator' } });
      }
      expect(await administrators()).toBe(4);
      await Promise.all(
        admins.flatMap((actor) =>
          admins.map((target) =>
            http.request('PATCH', `${app.url}/api/auth/users/${target.user.email}/role`, { headers: actor.auth, body: { role: 'driver' } }),
          ),
        ),
      );
      expect(await administrators()).toBe(1);
    });
  });
});
