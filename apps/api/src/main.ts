import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { drainRequests } from './common/http/drain';
import { AppConfig, ConfigError } from './config/app-config';
import { createApp } from './create-app';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';

async function bootstrap(): Promise<void> {
  let config = new AppConfig();
  const logger = new Logger('Bootstrap');
  let embedded: EmbeddedPostgres | undefined;

  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: join(config.dataDir, 'postgres'),
      database: 'vip',
    });
    logger.log(`Embedded PostgreSQL on port ${embedded.port}, data in ${join(config.dataDir, 'postgres')}`);
    config = new AppConfig({ ...process.env, DATABASE_URL: embedded.url });
  }

  const app = await createApp(config);
  if (embedded) {
    const server = embedded;
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => server.stop());
  }
  shutDownOnSignals(app, config.shutdownTimeoutMs);
  await app.listen(config.port, config.production ? '0.0.0.0' : '127.0.0.1');
  const url = config.production ? `port ${config.port}` : `http://localhost:${config.port}/`;
  if (config.devLogin) logger.warn('Dev sign-in is ON: no Google client is configured (GOOGLE_CLIENT_ID/SECRET)');
  // Printed whatever LOG_LEVEL says: it is the one line people look for.
  process.stdout.write(`VIP Coordinator is running: ${url}\n`);
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish, close
 * the pool, exit 0. Whatever still runs after `timeoutMs` is cut off (exit 1).
 */
function shutDownOnSignals(app: NestFastifyApplication, timeoutMs: number): void {
  let closing = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: shutting down\n`);
    setTimeout(() => {
      console.error(`Shutdown took longer than SHUTDOWN_TIMEOUT_MS (${timeoutMs} ms): exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    drainRequests(app.getHttpAdapter().getInstance())
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
