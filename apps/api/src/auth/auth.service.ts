import { Injectable, Logger } from '@nestjs/common';
import { UserStatus, type AccessTokenResponse, type SignInError, type User } from '@vip/shared-dto';
import { createHash, randomBytes } from 'node:crypto';
import type { Profile } from 'passport-google-oauth20';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, UnauthorizedError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EmailConflictError } from '../users/email-conflict.error';
import type { Identity } from '../users/identity';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import type { GoogleOutcome, SignInRefusal } from './guards/google-auth.guard';
import { SessionsRepository } from './sessions.repository';
import { SignInRefusedError } from './sign-in-refused.error';
import { SignInRules } from './sign-in.rules';

export interface SignedIn {
  user: User;
  sessionId: string;
  /** Value of the session cookie; only its hash is stored. */
  sessionToken: string;
  sessionMaxAge: number;
}

const SESSION_TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

/** How long the secret a refresh replaced still buys an access token (parallel tabs). */
export const REFRESH_GRACE_SECONDS = 30;

export interface Refreshed {
  response: AccessTokenResponse;
  /** The rotated cookie; absent when the previous secret was honoured within the grace window. */
  session?: { token: string; maxAge: number };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly rules: SignInRules,
  ) {}

  /**
   * Checks a Google profile before anything is written: a verified email. Domains (and
   * Google's `hd` claim) are checked by the sign-in rules, after invitations, which admit
   * their exact email from any domain.
   */
  identityFromGoogle(profile: Profile): Identity {
    const email = profile.emails?.[0];
    const verified = email?.verified as unknown;
    const address = typeof email?.value === 'string' ? email.value.trim().toLowerCase() : undefined;
    if (!address || !(verified === true || verified === 'true')) {
      throw new SignInRefusedError('email_unverified', address);
    }
    const hd = (profile as Profile & { _json?: { hd?: unknown } })._json?.hd;
    return {
      provider: 'google',
      subject: profile.id,
      email: address,
      name: (profile.displayName || address).slice(0, 255),
      picture: profile.photos?.[0]?.value ?? null,
      hostedDomain: typeof hd === 'string' ? hd.toLowerCase() : null,
    };
  }

  /**
   * One transaction: the account (created or refreshed), its session and the audit events
   * commit together or not at all. A refusal (`SignInRefusedError`) writes nothing.
   */
  async signIn(identity: Identity, context: RequestContext): Promise<SignedIn> {
    const secret = randomBytes(32).toString('base64url');
    const { user, id } = await this.db.transaction(async (tx) => {
      const user = await this.rules.signIn(tx, identity, context);
      const id = await this.sessions.create(tx, {
        userId: user.id,
        tokenHash: hash(secret),
        ttlDays: this.config.sessionTtlDays,
        userAgent: context.userAgent,
        ip: context.ip,
      });
      return { user, id };
    });
    return { user, sessionId: id, sessionToken: `${id}.${secret}`, sessionMaxAge: this.config.sessionTtlDays * 86_400 };
  }

  /**
   * Finishes a Google callback: signs the identity in, or says why not. A refusal is
   * recorded only when the callback was a real attempt (it carried a valid state of
   * ours); anything else is only logged, so nobody can write to the trail anonymously.
   */
  async finishGoogleSignIn(
    outcome: GoogleOutcome,
    context: RequestContext,
  ): Promise<SignedIn | { error: SignInError }> {
    if ('error' in outcome) {
      await this.refuse(outcome, context);
      return { error: outcome.error };
    }
    try {
      return await this.signIn(outcome.identity, context);
    } catch (error) {
      // Refused by the sign-in rules (disabled, not invited, domain) or by the unique email.
      const code =
        error instanceof SignInRefusedError
          ? error.code
          : error instanceof EmailConflictError
            ? 'email_conflict'
            : undefined;
      if (!code) throw error;
      const refusal: SignInRefusal = { error: code, email: outcome.identity.email, attempt: true };
      await this.refuse(refusal, context);
      return { error: refusal.error };
    }
  }

  /** A dev sign-in: the same rules; a refusal is recorded (a real attempt) and answered 403. */
  async devSignIn(identity: Identity, context: RequestContext): Promise<SignedIn> {
    try {
      return await this.signIn(identity, context);
    } catch (error) {
      if (!(error instanceof SignInRefusedError)) throw error;
      await this.audit.recordSignInRefused(error.code, error.email, context);
      throw new ForbiddenError(`Sign-in refused: ${error.code}`);
    }
  }

  private async refuse(refusal: SignInRefusal, context: RequestContext): Promise<void> {
    if (refusal.attempt) return this.audit.recordSignInRefused(refusal.error, refusal.email, context);
    this.logger.warn({
      msg: 'sign-in callback refused without a valid state; not recorded',
      reason: refusal.error,
      requestId: context.requestId,
    });
  }

  /**
   * Trades a live session for an access token. The current secret is rotated. The
   * secret it replaced still buys an access token for `REFRESH_GRACE_SECONDS` (two tabs
   * refreshing at once), without a new cookie; later it is a stolen cookie replayed:
   * the session is revoked and `session.reuse_detected` recorded, in one transaction.
   */
  async refresh(sessionToken: string | undefined, context: RequestContext = {}): Promise<Refreshed> {
    const parsed = parse(sessionToken);
    if (!parsed) throw new UnauthorizedError('No live session');
    const secret = randomBytes(32).toString('base64url');
    const verdict = await this.db.transaction(async (tx) => {
      const session = await this.sessions.lockForRefresh(tx, parsed.id, hash(parsed.secret), REFRESH_GRACE_SECONDS);
      if (!session || session.secret === 'unknown') return { kind: 'refused' as const };
      if (session.secret === 'current') {
        await this.sessions.rotate(tx, parsed.id, hash(secret));
        return { kind: 'rotated' as const, session };
      }
      if (session.inGrace) {
        await this.sessions.touch(tx, parsed.id);
        return { kind: 'grace' as const, session };
      }
      await this.sessions.revokeById(tx, parsed.id);
      const owner = { id: session.userId, email: session.email };
      await this.audit.recordUserEvent(tx, 'session.reuse_detected', null, owner, { sessionId: parsed.id }, context);
      return { kind: 'revoked' as const };
    });
    if (verdict.kind === 'revoked')
      this.logger.warn({
        msg: 'refresh secret reused after its grace window: session revoked',
        requestId: context.requestId,
      });
    if (verdict.kind === 'refused' || verdict.kind === 'revoked') throw new UnauthorizedError('No live session');
    const user = await this.users.findById(verdict.session.userId);
    if (!user || user.status === UserStatus.Disabled) throw new UnauthorizedError('No live session');
    const maxAge = Math.max(0, Math.floor((verdict.session.expiresAt.getTime() - Date.now()) / 1000));
    return {
      response: this.tokenResponse(user, parsed.id),
      session: verdict.kind === 'rotated' ? { token: `${parsed.id}.${secret}`, maxAge } : undefined,
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

  tokenResponse(user: User, sessionId: string): AccessTokenResponse {
    return { accessToken: this.tokens.sign(user.id, sessionId), expiresIn: this.config.jwtAccessTtl, user };
  }
}

function parse(token: string | undefined): { id: string; secret: string } | undefined {
  const match = token ? SESSION_TOKEN.exec(token) : null;
  return match ? { id: match[1], secret: match[2] } : undefined;
}

function hash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
