import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppModule } from './app.module';
import type { AppConfig, LogLevel } from './config/app-config';
import { SESSION_COOKIE } from './auth/cookies';

const BODY_LIMIT = 16 * 1024;

/**
 * Builds the whole application (API, docs and the admin console) on Fastify. Shared
 * by `main.ts` and the end-to-end tests, so tests run exactly what ships.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: config.production ? 1 : false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Keeps the query parser from building objects out of `a[b]=c`.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({ json: config.production, logLevels: nestLevels(config.logLevel) }),
    bufferLogs: false,
    // Fastify's own parser takes JSON only; Nest would add form bodies, which this API
    // does not speak.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular Material and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https://*.googleusercontent.com'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  if (config.adminOrigin !== `http://localhost:${config.port}`) {
    // The console lives elsewhere: only its origin may call with the session cookie.
    app.enableCors({ origin: config.adminOrigin, credentials: true });
  }

  setUpSwagger(app);
  await serveAdminConsole(app, config);
  return app;
}

function setUpSwagger(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('VIP Coordinator API')
      .setDescription(
        'People who coordinate VIP transport sign in with Google; administrators manage their roles. ' +
          'Send `Authorization: Bearer <accessToken>`; get the token from `POST /api/auth/refresh` with the session cookie.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
}

/** The built console at `/`: hashed assets cached for a year, `index.html` never. */
async function serveAdminConsole(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.adminDistDir;
  const indexFile = join(root, 'index.html');
  const fastify = app.getHttpAdapter().getInstance();
  const hasConsole = existsSync(indexFile);
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        // The raw response is what @fastify/static actually passes here.
        (res as unknown as ServerResponse).setHeader('cache-control', /-[A-Z0-9]{8}\.(js|css|woff2?|ttf)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(indexFile));
  // SPA fallback: deep links get the console, which routes on the client. Unknown API
  // paths and missing files still get the JSON 404.
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (hasConsole && !path.startsWith('/api/') && path !== '/api' && !/\.[a-z0-9]+$/i.test(path)) {
      return sendIndex(reply);
    }
    return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}`, requestId: String(request.id) });
  });
}

function nestLevels(level: LogLevel): NestLogLevel[] {
  const order: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const index = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 }[level];
  return order.slice(0, index + 1);
}
