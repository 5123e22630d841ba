import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

export const SESSION_COOKIE = 'vip_session';
export const OAUTH_STATE_COOKIE = 'vip_oauth_state';

export interface CookieOptions {
  path: string;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax';
  secure: boolean;
  /** Seconds; 0 deletes the cookie. Omitted: a browser-session cookie. */
  maxAge?: number;
}

/** The refresh cookie: httpOnly, only sent to `/api/auth`, never to other sites. */
export function sessionCookieOptions(config: AppConfig): CookieOptions {
  return { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: config.production };
}

/**
 * Binds a Google sign-in to the browser that started it. `Lax`, because the callback
 * arrives as a top-level navigation from Google's origin.
 */
export function oauthStateCookieOptions(config: AppConfig): CookieOptions {
  return { path: '/api/auth/google', httpOnly: true, sameSite: 'lax', secure: config.production };
}

// Our cookies only ever hold base64url and uuid characters, so a small reader and
// writer replace a cookie plugin here.
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    options.maxAge === undefined ? '' : `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    options.maxAge === 0 ? 'Expires=Thu, 01 Jan 1970 00:00:00 GMT' : '',
    options.httpOnly ? 'HttpOnly' : '',
    options.secure ? 'Secure' : '',
    `SameSite=${options.sameSite === 'strict' ? 'Strict' : 'Lax'}`,
  ].filter(Boolean);
  reply.header('set-cookie', attributes.join('; '));
}

export function clearCookie(reply: FastifyReply, name: string, options: CookieOptions): void {
  setCookie(reply, name, '', { ...options, maxAge: 0 });
}
