import { HttpException, HttpStatus } from '@nestjs/common';
import fastifyRateLimit, { normalizeIP, type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { RateLimitConfig } from '../../config/app-config';

import type { Metrics } from '../../metrics/metrics.service';

/** Sign-in routes: counted per client IP, with a tighter limit. */
const AUTH_ROUTES = new Set([
  '/api/auth/google',
  '/api/auth/google/callback',
  '/api/auth/dev-login',
  '/api/auth/refresh',
]);
const WINDOW_MS = 60_000;
const LIMIT = Symbol('rate limit');

type Limit = 'auth' | 'api';

/** Thrown from the plugin's hook, outside any feature: the filter answers it as any HTTP 429. */
export class TooManyRequestsError extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export interface RateLimitDeps {
  config: RateLimitConfig;
  metrics: Metrics;
  /** The user id of a valid access token (signature and expiry only: no database). */
  verifyToken(token: string): string | undefined;
  warn(message: string): void;
}

/**
 * Registers `@fastify/rate-limit` for every route under /api: RATE_LIMIT_AUTH per client
 * IP on the sign-in routes, RATE_LIMIT_API per caller (per IP when anonymous) elsewhere.
 * With REDIS_URL the counters live in Redis, so the limits hold across instances; when
 * Redis does not answer, requests pass (with a warning) rather than fail.
 */
export async function registerRateLimits(fastify: FastifyInstance, deps: RateLimitDeps): Promise<void> {
  const { config, metrics } = deps;
  if (config.auth === 0 && config.api === 0) return;
  const limitOf = (request: FastifyRequest & { [LIMIT]?: Limit | null }): Limit | null => {
    if (request[LIMIT] === undefined) {
      // The matched route pattern, so no spelling of the URL moves a request to another limit.
      const route = request.routeOptions.url;
      const path = route && route !== '/*' ? route : request.url;
      request[LIMIT] = !path.startsWith('/api/') ? null : AUTH_ROUTES.has(route ?? '') ? 'auth' : 'api';
    }
    return request[LIMIT];
  };
  const maxOf = (limit: Limit | null): number => (limit === 'auth' ? config.auth : limit === 'api' ? config.api : 0);

  const options: RateLimitPluginOptions = {
    global: true,
    timeWindow: WINDOW_MS,
    max: (request) => maxOf(limitOf(request)),
    allowList: (request) => maxOf(limitOf(request)) === 0,
    keyGenerator: (request) => {
      const limit = limitOf(request);
      if (maxOf(limit) === 0) return 'unlimited';
      // An IPv6 client owns a whole /64: count it as one.
      const ip = normalizeIP(request.ip);
      if (limit === 'auth') return `auth:${ip}`;
      const header = request.headers.authorization;
      const userId = header?.startsWith('Bearer ') ? deps.verifyToken(header.slice(7).trim()) : undefined;
      return userId ? `api:user:${userId}` : `api:ip:${ip}`;
    },
    enableDraftSpec: true,
    addHeadersOnExceeding: {
      'ratelimit-limit': true,
      'ratelimit-remaining': true,
      'ratelimit-reset': true,
    },
    addHeaders: {
      'ratelimit-limit': true,
      'ratelimit-remaining': true,
      'ratelimit-reset': true,
      'retry-after': true,
    },
    onExceeded: (request) => metrics.rateLimit(limitOf(request) ?? 'api'),
    // Thrown by the plugin; the exception filter turns it into the usual error body.
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(Math.max(1, Math.ceil(context.ttl / 1000))),
  };
  if (config.redisUrl) {
    const redis = new Redis(config.redisUrl, {
      // Fail open fast: no queueing while disconnected, one try per command.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    let warned = 0;
    redis.on('error', (error: Error) => {
      // Once every 30 s is enough to tell an operator.
      if (Date.now() - warned < 30_000) return;
      warned = Date.now();
      deps.warn(`Redis for rate limits does not answer (${error.message}); requests pass unlimited until it returns`);
    });
    fastify.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    Object.assign(options, {
      redis,
      nameSpace: config.redisKeyPrefix,
      skipOnError: true,
    });
  }
  await fastify.register(fastifyRateLimit, options);
}
