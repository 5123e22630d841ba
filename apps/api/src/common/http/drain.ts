import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Server } from 'node:net';

const drains = new WeakMap<FastifyInstance, (quietMs: number) => Promise<void>>();

/**
 * Graceful shutdown at the HTTP level. Node's `server.close()` destroys every keep-alive
 * connection that looks idle, including one whose next request is already on the wire but
 * not yet parsed: under load that request fails with a reset. So draining first stops
 * accepting connections (without touching the open ones), answers every request with
 * `Connection: close`, so each open connection ends after its next response, and waits
 * until no request has been in flight for a moment. Only then does the app close.
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  let draining = false;
  const inFlight = new Set<FastifyRequest>();
  let lastActivity = Date.now();
  const finished = (request: FastifyRequest) => {
    inFlight.delete(request);
    lastActivity = Date.now();
  };
  fastify.addHook('onRequest', (request, _reply, done) => {
    inFlight.add(request);
    lastActivity = Date.now();
    done();
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    finished(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    finished(request);
    done();
  });
  // `app.close()` without a drain first (tests, errors) still closes connections after their response.
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
  drains.set(fastify, async (quietMs) => {
    draining = true;
    // The net.Server close: stop listening, leave open connections alone.
    if (fastify.server.listening) Server.prototype.close.call(fastify.server);
    while (inFlight.size > 0 || Date.now() - lastActivity < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
}

/** Stops accepting connections and resolves once requests in flight are answered and none came for `quietMs`. */
export function drainRequests(fastify: FastifyInstance, quietMs = 250): Promise<void> {
  return drains.get(fastify)?.(quietMs) ?? Promise.resolve();
}
