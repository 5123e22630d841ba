import type { FastifyInstance } from 'fastify';

/**
 * While the server closes (SIGTERM), every response says `Connection: close`. Node closes
 * only the keep-alive connections that are idle when `close()` is called; a connection
 * whose request was still in flight would otherwise stay open after its response (up to
 * the keep-alive timeout) and hold the shutdown.
 */
export function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
