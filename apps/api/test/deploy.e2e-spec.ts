import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');
const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const complete = {
  POSTGRES_PASSWORD: 'pw',
  JWT_SECRET: 'x'.repeat(40),
  GOOGLE_CLIENT_ID: 'id',
  GOOGLE_CLIENT_SECRET: 'secret',
  GOOGLE_CALLBACK_URL: 'https://vip.example.org/api/auth/google/callback',
  ADMIN_URL: 'https://vip.example.org/',
  PUBLIC_HOST: 'vip.example.org',
};

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, the API and its proxy, the API in production mode with every required variable', () => {
    const file = parse(compose) as {
      services: Record<
        string,
        { environment?: Record<string, string>; depends_on?: unknown; healthcheck?: unknown; ports?: unknown }
      >;
    };
    expect(Object.keys(file.services).sort()).toEqual(['api', 'db', 'proxy', 'redis']);
    const env = file.services['api'].environment!;
    expect(env['NODE_ENV']).toBe('production');
    for (const variable of [
      'DATABASE_URL',
      'JWT_SECRET',
      'GOOGLE_CLIENT_ID',
      'GOOGLE_CLIENT_SECRET',
      'GOOGLE_CALLBACK_URL',
      'ADMIN_URL',
    ]) {
      expect(env[variable]).toBeTruthy();
    }
    expect(file.services['api'].depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(file.services['db'].healthcheck).toBeDefined();
    // One trusted hop, and only the proxy is reachable from outside: X-Forwarded-For cannot be forged.
    expect(env['TRUST_PROXY']).toBe('1');
    expect(file.services['api'].ports).toBeUndefined();
    expect(env['REDIS_URL']).toBe('redis://redis:6379');
  });

  // Needs the docker-compose command (Debian package `docker-compose`; .ci/run installs it).
  it('is valid for docker-compose, and refuses to start without secrets', () => {
    execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: root,
      env: { ...process.env, ...complete },
    });
    const missing = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: root,
      env: { ...process.env, ...complete, JWT_SECRET: '' },
      encoding: 'utf8',
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('JWT_SECRET');
  });
});

describe('Dockerfile', () => {
  it('starts the API as `npm run start:prod` does, with the same node options', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts['start:prod'];
    const startProd = script.split(/\s+/).slice(script.split(/\s+/).indexOf('node'));
    expect(cmd).toEqual(startProd);
    expect(cmd).toEqual(expect.arrayContaining(['node', 'dist/apps/api/main.js']));
  });
});
