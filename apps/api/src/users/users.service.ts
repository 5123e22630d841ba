import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  DORMANT_AFTER_DAYS,
  DORMANT_LIST_SIZE,
  NEW_ACCOUNT_WEEKS,
  Role,
  ROLES,
  SIGN_IN_DAYS,
  type AuditEvent,
  type Page,
  type User,
  type UserStats,
} from '@vip/shared-dto';
import { DatabaseError } from 'pg';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, LastAdministratorError, NotFoundError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import type { Transaction } from '../database/database';
import { EmailConflictError } from './email-conflict.error';
import type { Identity } from './identity';
import { toUser } from './user.mapper';
import { UsersRepository, type UserListCriteria } from './users.repository';

const DAY = 86_400_000;

/** The rules about people: who becomes administrator, and that one always remains. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async findById(id: string): Promise<User | undefined> {
    const row = await this.users.findById(id);
    return row && toUser(row);
  }

  async get(email: string): Promise<User> {
    const row = await this.users.findByEmail(email);
    if (!row) throw new NotFoundError('No user has this email');
    return toUser(row);
  }

  async list(criteria: Partial<UserListCriteria>): Promise<Page<User>> {
    const page = criteria.page ?? 1;
    const pageSize = criteria.pageSize ?? DEFAULT_PAGE_SIZE;
    // Surrounding spaces are never what someone searches for.
    const search = criteria.search?.trim() || undefined;
    const { rows, total, totalExact } = await this.users.list({ ...criteria, search, page, pageSize });
    return { items: rows.map(toUser), total, totalExact, page, pageSize };
  }

  /**
   * Signs in an identity inside the caller's transaction `tx` (which also creates the
   * session): refreshes the known account, or creates one, and records `user.signed_in`
   * (and `user.first_administrator`). Only creation takes the administrators lock, so the
   * first account (and only it) becomes administrator even when many first sign-ins race.
   * An email another account holds is refused with `EmailConflictError`.
   */
  async signIn(tx: Transaction, identity: Identity, context: RequestContext = {}): Promise<{ user: User; created: boolean }> {
    try {
      return await this.signInOrCreate(tx, identity, context);
    } catch (error) {
      // The unique index decides, so racing sign-ins cannot slip past a check made earlier.
      if (error instanceof DatabaseError && error.code === '23505' && error.constraint === 'users_email_key') throw new EmailConflictError();
      throw error;
    }
  }

  private async signInOrCreate(tx: Transaction, identity: Identity, context: RequestContext): Promise<{ user: User; created: boolean }> {
    let known = await this.users.touchSignIn(tx, identity);
    if (!known) {
      await this.users.lockAdministrators(tx);
      // Another request may have created this account while we waited for the lock.
      known = await this.users.touchSignIn(tx, identity);
    }
    if (known) {
      const user = toUser(known);
      const changed = known.previous_email !== known.email || known.previous_name !== known.name;
      const details = {
        provider: identity.provider,
        ...(changed ? { before: { email: known.previous_email, name: known.previous_name } } : {}),
        after: { email: user.email, name: user.name },
      };
      await this.audit.recordUserEvent(tx, 'user.signed_in', user, user, details, context);
      return { user, created: false };
    }
    const user = toUser(await this.users.insertSignedIn(tx, identity));
    const details = { provider: identity.provider, created: true, after: { email: user.email, name: user.name, role: user.role } };
    await this.audit.recordUserEvent(tx, 'user.signed_in', user, user, details, context);
    if (user.role === Role.Administrator) {
      await this.audit.recordUserEvent(tx, 'user.first_administrator', user, user, { after: { role: user.role } }, context);
    }
    return { user, created: true };
  }

  async updateRole(actor: User, email: string, role: Role, context: RequestContext = {}): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.users.lockByEmail(tx, email);
      if (!target) throw new NotFoundError('No user has this email');
      if (target.role === role) return toUser(target);
      if (target.role === Role.Administrator && (await this.users.countAdministrators(tx)) <= 1) {
        throw new LastAdministratorError();
      }
      const before = { role: target.role };
      const updated = toUser(await this.users.updateRole(tx, target.id, role));
      await this.audit.recordUserEvent(tx, 'user.role_changed', actor, updated, { before, after: { role } }, context);
      return updated;
    });
  }

  async delete(actor: User, email: string, context: RequestContext = {}): Promise<void> {
    await this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.users.lockByEmail(tx, email);
      if (!target) throw new NotFoundError('No user has this email');
      if (target.role === Role.Administrator && (await this.users.countAdministrators(tx)) <= 1) {
        throw new LastAdministratorError();
      }
      await this.users.delete(tx, target.id);
      const before = { email: target.email, name: target.name, role: target.role, provider: target.provider };
      await this.audit.recordUserEvent(tx, 'user.deleted', actor, target, { before }, context);
    });
  }

  /** A person's timeline: events where they acted or were acted on, newest first. */
  async activity(email: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<AuditEvent>> {
    const row = await this.users.findByEmail(email);
    if (!row) throw new NotFoundError('No user has this email');
    return this.audit.timeline(row.id, page, pageSize);
  }

  /** Role distribution, sign-ins per day, new accounts per week, dormant accounts. */
  async stats(now = new Date()): Promise<UserStats> {
    const thisMonday = startOfUtcWeek(now);
    const firstWeek = thisMonday - (NEW_ACCOUNT_WEEKS - 1) * 7 * DAY;
    const [roles, signInsPerDay, weeks, dormant] = await Promise.all([
      this.users.countByRole(),
      this.audit.signInsPerDay(SIGN_IN_DAYS, now),
      this.users.createdPerWeek(new Date(firstWeek)),
      this.users.dormant(new Date(now.getTime() - DORMANT_AFTER_DAYS * DAY), DORMANT_LIST_SIZE),
    ]);
    const perWeek = new Map(weeks.map((row) => [row.week, row.count]));
    return {
      generatedAt: now.toISOString(),
      roles: ROLES.map((role) => ({ role, count: roles.find((row) => row.role === role)?.count ?? 0 })),
      signInsPerDay,
      newAccountsPerWeek: Array.from({ length: NEW_ACCOUNT_WEEKS }, (_, i) => {
        const weekStart = new Date(firstWeek + i * 7 * DAY).toISOString().slice(0, 10);
        return { weekStart, count: perWeek.get(weekStart) ?? 0 };
      }),
      dormant: {
        count: dormant.count,
        items: dormant.rows.map((row) => ({
          email: row.email,
          name: row.name,
          lastSignInAt: row.last_sign_in_at ? row.last_sign_in_at.toISOString() : null,
        })),
      },
    };
  }

  /** The actor was checked when the request began; under the lock, check again. */
  private async assertStillAdministrator(tx: Transaction, actor: User): Promise<void> {
    if ((await this.users.roleOf(tx, actor.id)) !== Role.Administrator) {
      throw new ForbiddenError('Only administrators may manage users');
    }
  }
}

/** Midnight UTC of the Monday of `date`'s week (ISO weeks, as PostgreSQL's `date_trunc('week')`). */
function startOfUtcWeek(date: Date): number {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return midnight - ((date.getUTCDay() + 6) % 7) * DAY;
}
