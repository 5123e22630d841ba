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

/**
 * Short-lived HS256 access tokens. They name the user and the session (`sid`); role,
 * status and the session's life are read per request.
 */
@Injectable()
export class AccessTokens {
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
    try {
      const payload = this.jwt.verify<{ sub?: unknown; exp?: unknown; sid?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      // jsonwebtoken accepts tokens without `exp`; we do not.
      if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string')
        return undefined;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return undefined;
    }
  }
}
