import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

export const TOKEN_ISSUER = 'vip-coordinator';
export const TOKEN_AUDIENCE = 'vip-coordinator-api';

/** Who a valid access token speaks for: the user, and the sign-in session it came from. */
export interface TokenSubject {
  userId: string;
  sessionId: string;
}

/** Three base64url parts, the first a JSON object (`{"` is `eyJ`). */
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;

/** Verified tokens remembered (until they expire): enough for every live session of a busy instance. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Short-lived HS256 access tokens. They name the user and the session (`sid`); role,
 * status and the session's life are read per request.
 */
@Injectable()
export class AccessTokens {
  /**
   * Token → subject and expiry, for tokens that verified. A request's token is checked by
   * the rate limiter and then by the guard, and a client sends the same token for 15
   * minutes: verifying it once (jsonwebtoken parses, decodes and HMACs each time) took 7 %
   * of the hot path's CPU. Only valid tokens get in, and each leaves when it expires, so
   * the answer is the same as verifying again. Oldest first out when full.
   */
  protected readonly capacity: number = VERIFIED_CACHE_SIZE;
  private readonly verified = new Map<string, { subject: TokenSubject; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(userId: string, sessionId: string): string {
    return this.jwt.sign(
      { sid: sessionId },
      {
        subject: userId,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        expiresIn: this.config.jwtAccessTtl,
        algorithm: 'HS256',
      },
    );
  }

  /** User and session of a valid token, or `undefined` for anything else. */
  verify(token: string): TokenSubject | undefined {
    // Not a JWT at all (an API token, `vipc_…`, say): no need to have jsonwebtoken fail on it.
    if (!JWT_SHAPE.test(token)) return undefined;
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.subject;
      this.verified.delete(token);
      return undefined;
    }
    const entry = this.verifyAnew(token);
    if (!entry) return undefined;
    if (this.verified.size >= this.capacity) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, entry);
    return entry.subject;
  }

  private verifyAnew(token: string): { subject: TokenSubject; expiresAtMs: number } | undefined {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; exp?: unknown; sid?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      // jsonwebtoken accepts tokens without `exp`; we do not.
      if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
        return undefined;
      return { subject: { userId: payload.sub, sessionId: payload.sid }, expiresAtMs: payload.exp * 1000 };
    } catch {
      return undefined;
    }
  }
}
