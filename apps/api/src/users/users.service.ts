import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  DORMANT_AFTER_DAYS,
  DORMANT_LIST_SIZE,
  NEW_ACCOUNT_WEEKS,
  Role,
  ROLES,
  SIGN_IN_DAYS,
  UserStatus,
  type AuditEvent,
  type Page,
  type Session,
  type User,
  type UserStats,
} from '@vip/shared-dto';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  ForbiddenError,
  LastAdministratorError,
  NotFoundError,
  SelfLockoutError,
} from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { SingleFlight } from '../common/single-flight';
import type { Transaction } from '../database/database';
import { toSession } from '../auth/session.mapper';
import { SessionsRepository } from '../auth/sessions.repository';
import { toUser, type UserRow } from './user.mapper';
import { UsersRepository, type UserListCriteria } from './users.repository';

const DAY = 86_400_000;

/** The rules about people: that an active administrator always remains, and each account's status. */
@Injectable()
export class UsersService {
  private readonly statsInFlight = new SingleFlight<UserStats>();

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async findById(id: string): Promise<User | undefined> {
    const row = await this.users.findById(id);
    return row && toUser(row);
  }

  /** The caller of a request: the token's user, if its session is live and they are not disabled. */
  async findCaller(userId: string, sessionId: string): Promise<User | undefined> {
    const row = await this.users.findCaller(userId, sessionId);
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

  async updateRole(actor: User, email: string, role: Role, context: RequestContext = {}): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.users.lockByEmail(tx, email);
      if (!target) throw new NotFoundError('No user has this email');
      if (target.role === role) return toUser(target);
      if (await this.isLastActiveAdministrator(tx, target)) throw new LastAdministratorError();
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
      if (await this.isLastActiveAdministrator(tx, target)) throw new LastAdministratorError();
      await this.users.delete(tx, target.id);
      const before = { email: target.email, name: target.name, role: target.role, provider: target.provider };
      await this.audit.recordUserEvent(tx, 'user.deleted', actor, target, { before }, context);
    });
  }

  /**
   * Takes access away without deleting anyone: the account is `disabled` and all its
   * sessions end, in one transaction, so their next request (any token) gets 401.
   */
  async disable(actor: User, email: string, context: RequestContext = {}): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.lockTarget(tx, email);
      if (target.id === actor.id) throw new SelfLockoutError();
      if (target.status === UserStatus.Disabled) return toUser(target);
      if (await this.isLastActiveAdministrator(tx, target)) throw new LastAdministratorError();
      const before = { status: target.status };
      const updated = toUser(await this.users.setStatus(tx, target.id, UserStatus.Disabled));
      const sessionsRevoked = await this.sessions.revokeAll(tx, target.id);
      const details = { before, after: { status: updated.status }, sessionsRevoked };
      await this.audit.recordUserEvent(tx, 'user.disabled', actor, updated, details, context);
      return updated;
    });
  }

  /** Gives a disabled account its access back. A pending one is approved or rejected instead. */
  async enable(actor: User, email: string, context: RequestContext = {}): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.lockTarget(tx, email);
      if (target.status === UserStatus.Active) return toUser(target);
      if (target.status === UserStatus.Pending) {
        throw new ConflictError('This account waits for approval: approve or reject it');
      }
      const before = { status: target.status };
      const updated = toUser(await this.users.setStatus(tx, target.id, UserStatus.Active));
      await this.audit.recordUserEvent(
        tx,
        'user.enabled',
        actor,
        updated,
        { before, after: { status: updated.status } },
        context,
      );
      return updated;
    });
  }

  /** A pending account becomes active with the role the administrator chose. */
  async approve(actor: User, email: string, role: Role, context: RequestContext = {}): Promise<User> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.lockTarget(tx, email);
      if (target.status !== UserStatus.Pending)
        throw new ConflictError(`This account is ${target.status}, not waiting for approval`);
      const before = { status: target.status, role: target.role };
      const updated = toUser(await this.users.setStatus(tx, target.id, UserStatus.Active, role));
      const details = { before, after: { status: updated.status, role: updated.role } };
      await this.audit.recordUserEvent(tx, 'user.approved', actor, updated, details, context);
      return updated;
    });
  }

  /** A pending account is removed (with its sessions); the person may ask again by signing in. */
  async reject(actor: User, email: string, context: RequestContext = {}): Promise<void> {
    await this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.lockTarget(tx, email);
      if (target.status !== UserStatus.Pending)
        throw new ConflictError(`This account is ${target.status}, not waiting for approval`);
      await this.users.delete(tx, target.id);
      const before = { email: target.email, name: target.name, role: target.role, status: target.status };
      await this.audit.recordUserEvent(tx, 'user.rejected', actor, target, { before }, context);
    });
  }

  /** A person's live sessions, for an administrator; `current` marks the caller's own. */
  async sessionsOf(email: string, callerSessionId?: string): Promise<Session[]> {
    const row = await this.users.findByEmail(email);
    if (!row) throw new NotFoundError('No user has this email');
    return (await this.sessions.listForUser(row.id)).map((session) => toSession(session, callerSessionId));
  }

  /** Ends every session of a person: their access tokens get 401 on their next request. */
  async revokeSessions(actor: User, email: string, context: RequestContext = {}): Promise<void> {
    await this.users.withAdministratorsLock(async (tx) => {
      await this.assertStillAdministrator(tx, actor);
      const target = await this.lockTarget(tx, email);
      const count = await this.sessions.revokeAll(tx, target.id);
      if (count) await this.audit.recordUserEvent(tx, 'user.sessions_revoked', actor, target, { count }, context);
    });
  }

  /** A person's timeline: events where they acted or were acted on, newest first. */
  async activity(email: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<AuditEvent>> {
    const row = await this.users.findByEmail(email);
    if (!row) throw new NotFoundError('No user has this email');
    return this.audit.timeline(row.id, page, pageSize);
  }

  /**
   * Role distribution, sign-ins per day, new accounts per week, dormant accounts. On a
   * million people this reads a few hundred thousand index entries, so requests that
   * arrive while it runs share its answer (`generatedAt` says when it was computed).
   */
  stats(): Promise<UserStats> {
    return this.statsInFlight.run(() => this.computeStats(new Date()));
  }

  private async computeStats(now: Date): Promise<UserStats> {
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
  async assertStillAdministrator(tx: Transaction, actor: Pick<User, 'id'>): Promise<void> {
    if (!(await this.users.isActiveAdministrator(tx, actor.id))) {
      throw new ForbiddenError('Only active administrators may do this');
    }
  }

  private async lockTarget(tx: Transaction, email: string): Promise<UserRow> {
    const target = await this.users.lockByEmail(tx, email);
    if (!target) throw new NotFoundError('No user has this email');
    return target;
  }

  /** The rule counts active administrators: losing the last one locks everyone out. */
  private async isLastActiveAdministrator(tx: Transaction, target: UserRow): Promise<boolean> {
    if (target.role !== Role.Administrator || target.status !== UserStatus.Active) return false;
    return (await this.users.countActiveAdministrators(tx)) <= 1;
  }
}

/** Midnight UTC of the Monday of `date`'s week (ISO weeks, as PostgreSQL's `date_trunc('week')`). */
function startOfUtcWeek(date: Date): number {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return midnight - ((date.getUTCDay() + 6) % 7) * DAY;
}
