import type { WebhookPayload } from '@vip/shared-dto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** Test apps deliver to loopback, on a quick schedule: retries after 100 ms, 500 ms, then every 500 ms. */
export const FAST_WEBHOOKS: Record<string, string> = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_MS: '500',
  WEBHOOK_TIMEOUT_MS: '1000',
};

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: WebhookPayload;
}

/** How the receiver answers the n-th request (0-based) it gets. */
export type Responder = (request: Received, n: number, response: ServerResponse) => void | Promise<void>;

const noContent: Responder = (_request, _n, response) => {
  response.writeHead(204).end();
};

/**
 * A real webhook receiver on loopback (node:http): records every request, answers as
 * told, and can go down and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** TCP connections accepted, requests or not. */
  connections = 0;
  respond: Responder = noContent;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(public port: number) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(0);
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on its port. */
  async up(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening and drops open connections: deliveries are refused until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The payloads of requests to `path`, in arrival order. */
  payloads(path = '/'): WebhookPayload[] {
    return this.received.filter((request) => request.path === path).map((request) => request.payload);
  }

  /** Every request to `path`, verified with the `standardwebhooks` library; throws on a bad signature. */
  verified(secret: string, path = '/'): WebhookPayload[] {
    const verifier = new Webhook(secret);
    return this.received
      .filter((request) => request.path === path)
      .map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as WebhookPayload);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let payload: WebhookPayload;
    try {
      payload = JSON.parse(body) as WebhookPayload;
    } catch {
      payload = { id: '', type: '', timestamp: '', data: undefined as never };
    }
    const received: Received = { path: request.url ?? '/', headers: request.headers, body, payload };
    const n = this.received.filter((r) => r.path === received.path).length;
    this.received.push(received);
    try {
      await this.respond(received, n, response);
    } catch {
      response.destroy();
    }
  }
}

/**
 * Runs `assertion` until it passes or `timeoutMs` runs out, then throws its last error:
 * waiting for something asynchronous without asserting on timing.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
