import { isIP } from 'node:net';
import { ValidationError } from '../common/errors';
import { isPrivateAddress } from './network-policy';

/**
 * Checks an endpoint URL when it is registered: HTTPS, no credentials, and no address
 * that is obviously loopback, private or link-local. Names are resolved only when
 * delivering (their addresses may change); see `sendWebhook`. With private networks
 * allowed, http:// is accepted too (local receivers, tests). Answers the normalised URL.
 */
export function checkWebhookUrl(value: string, allowPrivateNetworks: boolean): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ValidationError('url must be an absolute URL');
  }
  const schemes = allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new ValidationError(allowPrivateNetworks ? 'url must be an http(s) URL' : 'url must be an https:// URL');
  }
  if (url.username || url.password) throw new ValidationError('url must not contain a user name or password');
  if (url.hash) throw new ValidationError('url must not contain a #fragment');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host));
  if (local && !allowPrivateNetworks) {
    throw new ValidationError('url must not point to a loopback, private or link-local address');
  }
  return url.href;
}
