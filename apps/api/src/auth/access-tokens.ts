import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

export const TOKEN_ISSUER = 'vip-coordinator';
export const TOKEN_AUDIENCE = 'vip-coordinator-api';

/** Short-lived HS256 access tokens. They name the user; the role is read per request. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(userId: string): string {
    return this.jwt.sign(
      {},
      {
        subject: userId,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        expiresIn: this.config.jwtAccessTtl,
        algorithm: 'HS256',
      },
    );
  }

  /** The user id of a valid token, or `undefined` for anything else. */
  verify(token: string): string | undefined {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; exp?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      // jsonwebtoken accepts tokens without `exp`; we do not.
      if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string') return undefined;
      return payload.sub;
    } catch {
      return undefined;
    }
  }
}
