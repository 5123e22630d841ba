import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  payload: { id: string; type: string; timestamp: string; data: unknown };
}

/**
 * A real HTTP receiver on loopback for the API to deliver to (the browser run allows
 * private networks): records each request and answers 204.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = JSON.parse(body) as ReceivedWebhook['payload'];
        this.received.push({ headers: request.headers, body, payload });
        response.writeHead(204).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((listening) =>
      receiver.server.listen(0, '127.0.0.1', listening),
    );
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks/vip`;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.payload.type === type);
  }

  stop(): Promise<void> {
    return new Promise((closed) => {
      this.server.closeAllConnections();
      this.server.close(() => closed());
    });
  }
}

/**
 * Whether a request carries a Standard Webhooks signature made with `secret`
 * (`whsec_` + base64 key): `v1,` + base64 HMAC-SHA256 of "id.timestamp.body".
 */
export function signedWith(secret: string, request: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const expected = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${request.body}`)
    .digest('base64');
  return String(request.headers['webhook-signature'])
    .split(' ')
    .includes(`v1,${expected}`);
}
