import { Injectable } from '@nestjs/common';
import type { AccessTokenResponse, SignInError, User } from '@vip/shared-dto';
import { createHash, randomBytes } from 'node:crypto';
import type { Profile } from 'passport-google-oauth20';
import { AuditService } from '../audit/audit.service';
import { UnauthorizedError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import type { Identity } from '../users/identity';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { SessionsRepository } from './sessions.repository';
import { SignInRefusedError } from './sign-in-refused.error';

export interface SignedIn {
  user: User;
  /** Value of the session cookie; only its hash is stored. */
  sessionToken: string;
  sessionMaxAge: number;
}

const SESSION_TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditService,
    private readonly db: Database,
  ) {}

  /** Checks a Google profile before anything is written: verified email, allowed domain. */
  identityFromGoogle(profile: Profile): Identity {
    const email = profile.emails?.[0];
    const verified = email?.verified as unknown;
    const address = typeof email?.value === 'string' ? email.value.trim().toLowerCase() : undefined;
    if (!address || !(verified === true || verified === 'true')) {
      throw new SignInRefusedError('email_unverified', address);
    }
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (this.config.allowedDomains.length && !this.config.allowedDomains.includes(domain)) {
      throw new SignInRefusedError('domain_not_allowed', address);
    }
    return {
      provider: 'google',
      subject: profile.id,
      email: address,
      name: (profile.displayName || address).slice(0, 255),
      picture: profile.photos?.[0]?.value ?? null,
    };
  }

  /**
   * One transaction: the account (created or refreshed), its session and the audit events
   * (`user.signed_in`, `user.first_administrator`) commit together or not at all.
   */
  async signIn(identity: Identity, context: RequestContext): Promise<SignedIn> {
    const secret = randomBytes(32).toString('base64url');
    const { user, id } = await this.db.transaction(async (tx) => {
      const { user } = await this.users.signIn(tx, identity, context);
      const id = await this.sessions.create(tx, {
        userId: user.id,
        tokenHash: hash(secret),
        ttlDays: this.config.sessionTtlDays,
        userAgent: context.userAgent,
        ip: context.ip,
      });
      return { user, id };
    });
    return { user, sessionToken: `${id}.${secret}`, sessionMaxAge: this.config.sessionTtlDays * 86_400 };
  }

  /** A callback that did not sign anyone in: recorded, nothing else written. */
  recordRefusal(reason: SignInError, email: string | undefined, context: RequestContext): Promise<void> {
    return this.audit.recordSignInRefused(reason, email, context);
  }

  /** Trades a live session for an access token and a fresh session secret. */
  async refresh(sessionToken: string | undefined): Promise<{ response: AccessTokenResponse; sessionToken: string; sessionMaxAge: number }> {
    const parsed = parse(sessionToken);
    if (!parsed) throw new UnauthorizedError('No live session');
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.rotate(parsed.id, hash(parsed.secret), hash(secret));
    const user = session && (await this.users.findById(session.userId));
    if (!session || !user) throw new UnauthorizedError('No live session');
    return {
      response: this.tokenResponse(user),
      sessionToken: `${parsed.id}.${secret}`,
      sessionMaxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    };
  }

  /** Revokes the session; `user.signed_out` is recorded in the same transaction, only if one was revoked. */
  async logout(sessionToken: string | undefined, context: RequestContext = {}): Promise<void> {
    const parsed = parse(sessionToken);
    if (!parsed) return;
    await this.db.transaction(async (tx) => {
      const revoked = await this.sessions.revoke(tx, parsed.id, hash(parsed.secret));
      if (revoked) {
        const user = { id: revoked.userId, email: revoked.email };
        await this.audit.recordUserEvent(tx, 'user.signed_out', user, user, {}, context);
      }
    });
  }

  tokenResponse(user: User): AccessTokenResponse {
    return { accessToken: this.tokens.sign(user.id), expiresIn: this.config.jwtAccessTtl, user };
  }
}

function parse(token: string | undefined): { id: string; secret: string } | undefined {
  const match = token ? SESSION_TOKEN.exec(token) : null;
  return match ? { id: match[1], secret: match[2] } : undefined;
}

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
