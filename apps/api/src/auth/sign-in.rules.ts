import { Injectable } from '@nestjs/common';
import { Role, UserStatus, type User } from '@vip/shared-dto';
import { DatabaseError } from 'pg';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import type { Transaction } from '../database/database';
import { InvitationsRepository } from '../invitations/invitations.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { EmailConflictError } from '../users/email-conflict.error';
import { toUser } from '../users/user.mapper';
import type { Identity } from '../users/identity';
import { UsersRepository, type NewAccount } from '../users/users.repository';
import { SignInRefusedError } from './sign-in-refused.error';

/** Google's consumer domains: their accounts never carry an `hd` (hosted domain) claim. */
const CONSUMER_DOMAINS = ['gmail.com', 'googlemail.com'];

/**
 * Which account a verified identity signs in to, in the contract's order: a disabled
 * account is refused; an existing one signs in; a live invitation creates the account
 * with its role (whatever the domains and policy); otherwise the domain must be allowed
 * and the sign-up policy decides. Creation runs under the administrators lock, so the
 * first administrator, invitations and their revocation are decided one at a time.
 */
@Injectable()
export class SignInRules {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly invitations: InvitationsRepository,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Runs inside the caller's transaction `tx` (which also creates the session). An email
   * another account holds is refused with `EmailConflictError`.
   */
  async signIn(tx: Transaction, identity: Identity, context: RequestContext = {}): Promise<User> {
    try {
      return await this.signInOrSignUp(tx, identity, context);
    } catch (error) {
      // The unique index decides, so racing sign-ins cannot slip past a check made earlier.
      if (error instanceof DatabaseError && error.code === '23505' && error.constraint === 'users_email_key')
        throw new EmailConflictError();
      throw error;
    }
  }

  private async signInOrSignUp(tx: Transaction, identity: Identity, context: RequestContext): Promise<User> {
    let known = await this.users.touchSignIn(tx, identity);
    if (!known) {
      await this.users.lockAdministrators(tx);
      // Another request may have created this account while we waited for the lock.
      known = await this.users.touchSignIn(tx, identity);
    }
    if (!known) return this.signUp(tx, identity, context);
    if (known.status === UserStatus.Disabled) throw new SignInRefusedError('account_disabled', known.email);
    const user = toUser(known);
    const changed = known.previous_email !== known.email || known.previous_name !== known.name;
    const details = {
      provider: identity.provider,
      ...(changed ? { before: { email: known.previous_email, name: known.previous_name } } : {}),
      after: { email: user.email, name: user.name },
    };
    await this.audit.recordUserEvent(tx, 'user.signed_in', user, user, details, context);
    return user;
  }

  private async signUp(tx: Transaction, identity: Identity, context: RequestContext): Promise<User> {
    const email = identity.email.toLowerCase();
    const invitation = await this.invitations.lockLive(tx, email);
    if (invitation) {
      const user = await this.create(tx, identity, { role: invitation.role, status: UserStatus.Active }, context, {
        invitationId: invitation.id,
      });
      await this.invitations.accept(tx, invitation.id);
      await this.audit.recordUserEvent(
        tx,
        'invitation.accepted',
        user,
        user,
        { invitationId: invitation.id, role: invitation.role },
        context,
      );
      return user;
    }

    const bootstrap = this.config.bootstrapAdminEmail;
    if (bootstrap && email === bootstrap && (await this.users.countActiveAdministrators(tx)) === 0) {
      return this.createFirstAdministrator(tx, identity, context);
    }
    if (!this.mayJoinOnTheirOwn(identity)) throw new SignInRefusedError('domain_not_allowed', email);
    if (!bootstrap && (await this.users.isEmpty(tx))) return this.createFirstAdministrator(tx, identity, context);

    const settings = await this.settings.get(tx);
    if (settings.signUpPolicy === 'invitation') throw new SignInRefusedError('not_invited', email);
    const status = settings.signUpPolicy === 'approval' ? UserStatus.Pending : UserStatus.Active;
    const user = await this.create(tx, identity, { role: settings.defaultRole, status }, context);
    if (status === UserStatus.Pending) {
      await this.audit.recordUserEvent(
        tx,
        'user.access_requested',
        user,
        user,
        { after: { status, role: user.role } },
        context,
      );
    }
    return user;
  }

  /**
   * With domains restricted, a self-sign-up needs its email's domain listed and, from
   * Google, the `hd` claim naming that domain: a consumer Google account can carry a
   * verified address of any domain, but only the domain's own Workspace sets `hd`.
   */
  private mayJoinOnTheirOwn(identity: Identity): boolean {
    if (!this.config.allowedDomains.length) return true;
    const email = identity.email.toLowerCase();
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!this.config.allowedDomains.includes(domain)) return false;
    if (identity.provider !== 'google') return true;
    const hostedBy = identity.hostedDomain ?? undefined;
    return hostedBy === domain || (hostedBy === undefined && CONSUMER_DOMAINS.includes(domain));
  }

  private async createFirstAdministrator(tx: Transaction, identity: Identity, context: RequestContext): Promise<User> {
    const user = await this.create(tx, identity, { role: Role.Administrator, status: UserStatus.Active }, context);
    await this.audit.recordUserEvent(
      tx,
      'user.first_administrator',
      user,
      user,
      { after: { role: user.role } },
      context,
    );
    return user;
  }

  private async create(
    tx: Transaction,
    identity: Identity,
    account: NewAccount,
    context: RequestContext,
    extra: Record<string, unknown> = {},
  ): Promise<User> {
    const user = toUser(await this.users.insertSignedIn(tx, identity, account));
    const details = {
      provider: identity.provider,
      created: true,
      ...extra,
      after: { email: user.email, name: user.name, role: user.role, status: user.status },
    };
    await this.audit.recordUserEvent(tx, 'user.signed_in', user, user, details, context);
    return user;
  }
}
