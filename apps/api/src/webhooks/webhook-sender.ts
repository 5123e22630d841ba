import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './network-policy';

/** At most this much of a receiver's answer is read; the rest is cut off. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  /** Aborts the attempt (the app shutting down). */
  signal?: AbortSignal;
}

/** How one attempt went. `statusCode` is null when no response came. */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** A refusal to connect: the name resolved to an address the policy forbids. */
class AddressNotAllowed extends Error {}

/**
 * POSTs one webhook. The host name is resolved here and every address it has is checked,
 * then the connection goes to the checked address (a pinned `lookup`), so a name that
 * resolves differently between check and connect cannot reach a private network.
 * Redirects are not followed (a 3xx fails), the whole exchange has one deadline, and at
 * most 64 KiB of the answer is read.
 */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const result = (statusCode: number | null, error: string | null): SendResult => ({
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    error,
  });
  try {
    const target = new URL(url);
    const address = await vettedAddress(target.hostname, options.allowPrivateNetworks, signal);
    const statusCode = await post(target, address, headers, body, signal);
    return result(statusCode, statusCode >= 300 && statusCode < 400 ? 'redirect not followed' : null);
  } catch (error) {
    if (timeout.aborted) return result(null, `timed out after ${options.timeoutMs} ms`);
    if (options.signal?.aborted) return result(null, 'cancelled: the API is shutting down');
    return result(null, describe(error));
  }
}

async function vettedAddress(
  hostname: string,
  allowPrivate: boolean,
  signal: AbortSignal,
): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await abortable(dnsLookup(host, { all: true, verbatim: true }), signal);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!allowPrivate) {
    const refused = addresses.find(({ address }) => isPrivateAddress(address));
    if (refused) {
      throw new AddressNotAllowed(
        `address not allowed: ${host} resolves to ${refused.address} (loopback, private or link-local)`,
      );
    }
  }
  return addresses[0];
}

function post(
  target: URL,
  pinned: { address: string; family: number },
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<number> {
  // Hands the vetted address to the socket, whatever name it asks for (the TLS check still uses the name).
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body);
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        lookup,
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        // The attempt ends when the answer has been read to its end or to 64 KiB, whichever
        // comes first; an answer cut off, or still coming at the deadline, fails.
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        let finished = false;
        const finish = () => {
          finished = true;
          resolve(statusCode);
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES && !finished) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', reject);
        response.on('close', () => {
          if (!finished) reject(new Error('the connection closed before the answer ended'));
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describe(error: unknown): string {
  if (error instanceof AddressNotAllowed) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  const text = code && message && !message.includes(code) ? `${code}: ${message}` : (message ?? String(error));
  return text.slice(0, 500);
}
