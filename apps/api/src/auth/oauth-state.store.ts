import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { clearCookie, OAUTH_STATE_COOKIE, oauthStateCookieOptions, readCookie, setCookie } from './cookies';
import { SessionsRepository } from './sessions.repository';

export const STATE_TTL_SECONDS = 600;

/**
 * At most this many sign-ins may be in flight (about 2.5 MB of rows). Expiry and the
 * rate limit keep ordinary traffic far below it; a flood from many addresses hits this
 * ceiling instead of growing the table, and new sign-ins wait for the pruning job.
 */
export const MAX_PENDING_STATES = 10_000;

/** Where `GoogleAuthGuard` leaves the reply, so the store can set its cookie. */
export const OAUTH_REPLY = Symbol('oauthReply');
/** Set on the request when its callback carried a valid, unused state of ours (now used up). */
export const STATE_TAKEN = Symbol('stateTaken');
export type OAuthRequest = FastifyRequest & { [OAUTH_REPLY]?: FastifyReply; [STATE_TAKEN]?: boolean };

type Stored = (error: Error | null, handle?: string) => void;
type Verified = (error: Error | null, verifier: string | false, info?: { message: string }) => void;

/** Too many sign-ins in flight: this one is not started. */
export class TooManyPendingSignInsError extends Error {
  override readonly name = 'TooManyPendingSignInsError';
  constructor() {
    super(`More than ${MAX_PENDING_STATES} sign-ins are in flight; refusing to start another`);
  }
}

/**
 * passport-oauth2 state store without express-session: the `state` handle and its PKCE
 * verifier are kept (hashed key) in PostgreSQL, so any API instance can finish a sign-in,
 * each state works once, and the handle is also bound to the browser by a cookie.
 * Expired states are removed by `OAuthStatePruner`, not here.
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
      .saveOAuthState(hash(handle), verifier, STATE_TTL_SECONDS, MAX_PENDING_STATES)
      .then((stored) => {
        if (!stored) return done(new TooManyPendingSignInsError());
        const reply = req[OAUTH_REPLY];
        if (reply)
          setCookie(reply, OAUTH_STATE_COOKIE, handle, {
            ...oauthStateCookieOptions(this.config),
            maxAge: STATE_TTL_SECONDS,
          });
        done(null, handle);
      })
      .catch((error: Error) => done(error));
  }

  verify(req: OAuthRequest, provided: unknown, done: Verified): void {
    this.take(req, provided)
      .then((verifier) => (verifier ? done(null, verifier) : done(null, false, { message: 'invalid_state' })))
      .catch((error: Error) => done(error, false));
  }

  /**
   * Uses up the state a callback carries, when it is ours: pending, unexpired, and the
   * one this browser's cookie holds. Answers its PKCE verifier, or nothing.
   */
  async take(req: OAuthRequest, provided: unknown): Promise<string | undefined> {
    const cookie = readCookie(req, OAUTH_STATE_COOKIE);
    const reply = req[OAUTH_REPLY];
    if (reply) clearCookie(reply, OAUTH_STATE_COOKIE, oauthStateCookieOptions(this.config));
    if (typeof provided !== 'string' || !cookie || !sameString(cookie, provided)) return undefined;
    const verifier = await this.sessions.takeOAuthState(hash(provided));
    if (verifier) req[STATE_TAKEN] = true;
    return verifier;
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
