import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { clearCookie, OAUTH_STATE_COOKIE, oauthStateCookieOptions, readCookie, setCookie } from './cookies';
import { SessionsRepository } from './sessions.repository';

const STATE_TTL_SECONDS = 600;

/** Where `GoogleAuthGuard` leaves the reply, so the store can set its cookie. */
export const OAUTH_REPLY = Symbol('oauthReply');
export type OAuthRequest = FastifyRequest & { [OAUTH_REPLY]?: FastifyReply };

type Stored = (error: Error | null, handle?: string) => void;
type Verified = (error: Error | null, verifier: string | false, info?: { message: string }) => void;

/**
 * passport-oauth2 state store without express-session: the `state` handle and its PKCE
 * verifier are kept (hashed key) in PostgreSQL, so any API instance can finish a sign-in,
 * each state works once, and the handle is also bound to the browser by a cookie.
 */
@Injectable()
export class OAuthStateStore {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  // passport-oauth2 picks the PKCE call form by arity: keep all five parameters.
  store(req: OAuthRequest, verifier: string, _state: unknown, _meta: unknown, done: Stored): void {
    const handle = randomBytes(32).toString('base64url');
    this.sessions
      .saveOAuthState(hash(handle), verifier, STATE_TTL_SECONDS)
      .then(() => {
        const reply = req[OAUTH_REPLY];
        if (reply) setCookie(reply, OAUTH_STATE_COOKIE, handle, { ...oauthStateCookieOptions(this.config), maxAge: STATE_TTL_SECONDS });
        done(null, handle);
      })
      .catch((error: Error) => done(error));
  }

  verify(req: OAuthRequest, provided: unknown, done: Verified): void {
    const cookie = readCookie(req, OAUTH_STATE_COOKIE);
    const reply = req[OAUTH_REPLY];
    if (reply) clearCookie(reply, OAUTH_STATE_COOKIE, oauthStateCookieOptions(this.config));
    if (typeof provided !== 'string' || !cookie || !sameString(cookie, provided)) {
      return done(null, false, { message: 'invalid_state' });
    }
    this.sessions
      .takeOAuthState(hash(provided))
      .then((verifier) => (verifier ? done(null, verifier) : done(null, false, { message: 'invalid_state' })))
      .catch((error: Error) => done(error, false));
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
