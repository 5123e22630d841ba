import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

/** A client of the VIP Coordinator API: `GET`, `POST`, … typed by the OpenAPI document. */
export type VipClient = Client<paths>;

/** The body of every error answer: branch on `code`, not on `message`. */
export type VipApiError = components['schemas']['ApiErrorResponse'];

export interface VipClientOptions {
  /** Where the API answers, without `/api`: `https://vip.example.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`: an API token (`vipc_…`) or a session's access token. */
  token?: string;
  /** Another `fetch` (a proxy, a test double); the global one otherwise. */
  fetch?: ClientOptions['fetch'];
}

/**
 * ```ts
 * const vip = createVipClient({ baseUrl: 'https://vip.example.com', token: process.env.VIP_TOKEN });
 * const { data, error } = await vip.GET('/api/auth/users', { params: { query: { role: 'driver' } } });
 * ```
 */
export function createVipClient({ baseUrl, token, fetch }: VipClientOptions): VipClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
}
