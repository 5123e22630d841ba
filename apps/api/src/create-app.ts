import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AccessTokens } from './auth/access-tokens';
import { SESSION_COOKIE } from './auth/cookies';
import { SECURITY } from './common/api-responses';
import { closeConnectionsWhenDraining } from './common/http/drain';
import { registerRateLimits } from './common/http/rate-limit';
import { addSecurityHeaders } from './common/http/security-headers';
import { loggerOptions, logRequests, PinoNestLogger, type LogStream } from './common/http/request-log';
import { AppConfig } from './config/app-config';
import { Metrics } from './metrics/metrics.service';

export interface CreateAppOptions {
  /** Where log lines go instead of stdout (the tests read them). */
  logStream?: LogStream;
}

const API_PREFIX = 'api';
const BODY_LIMIT = 16 * 1024;
/** No body of this API nests deeper; class-transformer recurses per level and would overflow the stack. */
const MAX_JSON_DEPTH = 32;

/**
 * Builds the whole application (API, docs and the admin console) on Fastify. Shared
 * by `main.ts` and the end-to-end tests, so tests run exactly what ships.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...loggerOptions(config.logLevel, config.production, options.logStream),
    bodyLimit: BODY_LIMIT,
    // Only named proxies may say who the client is; otherwise X-Forwarded-For is ignored.
    trustProxy: config.trustProxy,
    // Requests already being served finish normally while the server closes (SIGTERM).
    return503OnClosing: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // `/api/auth/users/` routes like `/api/auth/users`.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(adapter.getInstance().log),
    bufferLogs: false,
    // Fastify's own parser takes JSON only; Nest would add form bodies, which this API
    // does not speak.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_PREFIX);

  const fastify = app.getHttpAdapter().getInstance();
  limitJsonDepth(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // A route may raise the small global body limit for itself: `@RouteConfig({ bodyLimit })`.
  fastify.addHook('onRoute', (route) => {
    const bodyLimit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });
  // Rosters arrive as CSV; kept as bytes so the importer can refuse what is not UTF-8.
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  closeConnectionsWhenDraining(fastify);
  const metrics = app.get(Metrics);
  logRequests(fastify, metrics);
  const tokens = app.get(AccessTokens, { strict: false });
  await registerRateLimits(fastify, {
    config: config.rateLimit,
    metrics,
    verifyToken: (token) => tokens.verify(token)?.userId,
    warn: (message) => fastify.log.warn(message),
  });
  addSecurityHeaders(fastify, {
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

/** Fastify's own JSON parser (prototype-poisoning checks kept), behind a nesting limit: 400 beyond it. */
function limitJsonDepth(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeper(body as string, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error('JSON body nested too deeply'), { statusCode: 400 }), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}

function nestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (++depth > max) return true;
    } else if (char === '}' || char === ']') depth--;
  }
  return false;
}

function setUpSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
}

/**
 * The OpenAPI document of `app`'s routes: served at `/api/docs`, and written to
 * `libs/api-client/openapi.json` (the typed client's source) by `npm run openapi`.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('VIP Coordinator API')
      .setDescription(
        'People who coordinate VIP transport sign in with Google; administrators manage their roles. ' +
          'Send `Authorization: Bearer <token>`: an access token from `POST /api/auth/refresh` (the console, with the session cookie), ' +
          'or an API token (`vipc_…`) for integrations. Every error has one body (`ApiErrorResponse`): branch on its `code`.',
      )
      .setVersion('1.0')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      // Relative: the document describes the deployment that serves it.
      .addServer('/', 'This deployment')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Short-lived access token of a sign-in session',
        },
        SECURITY.accessToken,
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'vipc_…',
          description:
            'API token for integrations (`POST /api/tokens`): accepted on the routes its scopes cover (`users:read`, `users:write`, `audit:read`)',
        },
        SECURITY.apiToken,
      )
      .addCookieAuth(
        SESSION_COOKIE,
        { type: 'apiKey', in: 'cookie', description: 'The sign-in session (httpOnly, set by the Google callback)' },
        SECURITY.session,
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'METRICS_TOKEN',
          description: 'The scrape token of `/api/metrics`',
        },
        SECURITY.metricsToken,
      )
      .addTag('auth', 'Signing in and out; the caller and their own sessions')
      .addTag('users', 'People with an account: roles, approval, sessions, activity (administrators)')
      .addTag('invitations', 'Invitations and roster imports (administrators)')
      .addTag('settings', 'Sign-up policy and the default role (administrators)')
      .addTag('audit', 'Who changed what, and when (administrators)')
      .addTag('tokens', 'API tokens for integrations (administrators)')
      .addTag(
        'webhooks',
        'Signed webhooks for integrations: endpoints, delivery log, test events, redelivery (administrators)',
      )
      .addTag('health', 'Liveness and readiness probes')
      .addTag('operations', 'Metrics for monitoring')
      .build(),
  );
  return documentEveryRoute(document);
}

/** What holds for every operation, whatever its decorators say. */
function documentEveryRoute(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    responses: {
      ...document.components?.responses,
      TooManyRequests: {
        description:
          'Too many requests from this caller (RATE_LIMIT_API per minute, RATE_LIMIT_AUTH on the sign-in routes): wait `Retry-After` seconds',
        headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', example: 30 } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorResponse' } } },
      },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (!operation) continue;
      // A `@Public()` route declares no scheme: say "none" rather than leave it unsaid.
      operation.security ??= [];
      // The rate limits count every route under /api (registerRateLimits).
      operation.responses['429'] ??= { $ref: '#/components/responses/TooManyRequests' };
    }
  }
  return document;
}

/**
 * The OpenAPI document without a database or a listening server: Nest only scans the
 * modules (preview mode), which is all the document needs.
 */
export async function createOpenApiDocument(): Promise<OpenAPIObject> {
  const config = new AppConfig({ NODE_ENV: 'development', LOG_LEVEL: 'fatal' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const document = openApiDocument(app);
  await app.close();
  return document;
}

/**
 * The built console at `/`: files by name (hashed ones cached for a year), and for any
 * other page path `index.html` (never cached), so deep links work. Files are looked up
 * per request, so a console rebuilt while the API runs (`npm start`) is served as is.
 */
async function serveAdminConsole(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.adminDistDir;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic, { root, serve: false });
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}`, requestId: String(request.id) });
    }
    if (/\.[a-z0-9]+$/i.test(path)) {
      const hashed = /-[A-Z0-9]{8}\.(js|css|woff2?|ttf)$/.test(path);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(path.slice(1), { cacheControl: false });
    }
    if (!existsSync(join(root, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The admin console is not built: run `npm run build`.');
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
