import { Injectable } from '@nestjs/common';
import type { AccessTokenResponse, User } from '@vip/shared-dto';
import { createHash, randomBytes } from 'node:crypto';
import type { Profile } from 'passport-google-oauth20';
import { UnauthorizedError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { Identity } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { SessionsRepository } from './sessions.repository';
import { SignInRefusedError } from './sign-in-refused.error';

/** Where a sign-in came from, kept with the session for the people who review them. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

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
  ) {}

  /** Checks a Google profile before anything is written: verified email, allowed domain. */
  identityFromGoogle(profile: Profile): Identity {
    const email = profile.emails?.[0];
    const verified = email?.verified as unknown;
    if (!email?.value || !(verified === true || verified === 'true')) {
      throw new SignInRefusedError('email_unverified');
    }
    const address = email.value.trim().toLowerCase();
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (this.config.allowedDomains.length && !this.config.allowedDomains.includes(domain)) {
      throw new SignInRefusedError('domain_not_allowed');
    }
    return {
      provider: 'google',
      subject: profile.id,
      email: address,
      name: (profile.displayName || address).slice(0, 255),
      picture: profile.photos?.[0]?.value ?? null,
    };
  }

  async signIn(identity: Identity, client: ClientInfo): Promise<SignedIn> {
    const { user } = await this.users.signIn(identity);
    const secret = randomBytes(32).toString('base64url');
    const id = await this.sessions.create({
      userId: user.id,
      tokenHash: hash(secret),
      ttlDays: this.config.sessionTtlDays,
      ...client,
    });
    return { user, sessionToken: `${id}.${secret}`, sessionMaxAge: this.config.sessionTtlDays * 86_400 };
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

  async logout(sessionToken: string | undefined): Promise<void> {
    const parsed = parse(sessionToken);
    if (parsed) await this.sessions.revoke(parsed.id, hash(parsed.secret));
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
