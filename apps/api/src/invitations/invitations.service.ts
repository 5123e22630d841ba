import { Injectable } from '@nestjs/common';
import {
  DEFAULT_INVITATION_DAYS,
  DEFAULT_PAGE_SIZE,
  type CreateInvitationRequest,
  type ImportResult,
  type Invitation,
  type Page,
  type Role,
  type User,
} from '@vip/shared-dto';
import { AuditService } from '../audit/audit.service';
import { ConflictError, InvalidImportError, NotFoundError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import type { Transaction } from '../database/database';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { toInvitation, type InvitationRow } from './invitation.mapper';
import { InvitationsRepository, type InvitationListCriteria } from './invitations.repository';
import { parseRoster, type RosterRow } from './roster-csv';

/**
 * The roster: invitations admit their exact email, with their role. Every write runs
 * under the administrators lock, as sign-ins that create accounts do, so an invitation
 * and an account for the same email are decided one after the other, never both at once.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly people: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(criteria: Partial<InvitationListCriteria>): Promise<Page<Invitation>> {
    const page = criteria.page ?? 1;
    const pageSize = criteria.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.invitations.list({ ...criteria, page, pageSize });
    return { items: rows.map(toInvitation), total, page, pageSize };
  }

  async create(actor: User, request: CreateInvitationRequest, context: RequestContext = {}): Promise<Invitation> {
    const email = request.email.trim().toLowerCase();
    return this.users.withAdministratorsLock(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      if (await this.users.existsByEmail(tx, email)) throw new ConflictError('This email already has an account');
      if ((await this.invitations.liveEmails(tx, [email])).size)
        throw new ConflictError('This email already has a live invitation');
      const [created] = await this.write(
        tx,
        actor,
        [{ email, role: request.role, name: null }],
        request.expiresInDays,
        context,
      );
      return toInvitation(created);
    });
  }

  /** Revoked invitations are kept (as `revoked`), so the roster shows what happened. */
  async revoke(actor: User, id: string, context: RequestContext = {}): Promise<void> {
    await this.users.withAdministratorsLock(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      const invitation = await this.invitations.lock(tx, id);
      if (!invitation) throw new NotFoundError('No invitation has this id');
      if (invitation.state === 'accepted')
        throw new ConflictError('This invitation was already accepted: disable the account instead');
      if (invitation.state === 'revoked') return;
      const revoked = await this.invitations.revoke(tx, id);
      await this.audit.record(
        tx,
        {
          action: 'invitation.revoked',
          actorId: actor.id,
          actorEmail: actor.email,
          targetEmail: revoked.email,
          details: { invitationId: id, before: { state: invitation.state }, after: { state: revoked.state } },
        },
        context,
      );
    });
  }

  /**
   * Imports a roster: every row is checked (format, duplicates, existing accounts, live
   * invitations); any bad row refuses the whole file with every row's verdict. Otherwise
   * all rows are written in one transaction, unless `dryRun` asks only for the verdicts.
   */
  async import(actor: User, file: Buffer, dryRun: boolean, context: RequestContext = {}): Promise<ImportResult> {
    const rows = parseRoster(file);
    return this.users.withAdministratorsLock(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      const emails = rows.filter((row) => !row.error).map((row) => row.email);
      const [accounts, invited] = await Promise.all([
        this.users.existingEmails(tx, emails),
        this.invitations.liveEmails(tx, emails),
      ]);
      for (const row of rows) {
        if (row.error) continue;
        if (accounts.has(row.email)) row.error = 'this email already has an account';
        else if (invited.has(row.email)) row.error = 'this email already has a live invitation';
      }
      const verdicts = rows.map(({ line, email, role, error }) => ({ line, email, role, ...(error ? { error } : {}) }));
      const bad = rows.filter((row) => row.error).length;
      if (bad)
        throw new InvalidImportError(`${bad} of ${rows.length} rows cannot be imported; nothing was written`, verdicts);
      if (dryRun) return { rows: verdicts, created: 0 };
      const created = await this.write(tx, actor, rows.map(toNewInvitation), undefined, context);
      return { rows: verdicts, created: created.length };
    });
  }

  private async write(
    tx: Transaction,
    actor: User,
    invitations: { email: string; role: Role; name: string | null }[],
    expiresInDays = DEFAULT_INVITATION_DAYS,
    context: RequestContext,
  ): Promise<InvitationRow[]> {
    const created = await this.invitations.insert(tx, invitations, actor.id, expiresInDays);
    await this.audit.recordMany(
      tx,
      created.map((invitation) => ({
        action: 'invitation.created' as const,
        actorId: actor.id,
        actorEmail: actor.email,
        targetEmail: invitation.email,
        details: {
          invitationId: invitation.id,
          after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at.toISOString() },
        },
      })),
      context,
    );
    return created;
  }
}

function toNewInvitation(row: RosterRow): { email: string; role: Role; name: string | null } {
  return { email: row.email, role: row.role as Role, name: row.name };
}
