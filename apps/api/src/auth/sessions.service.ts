import { Injectable } from '@nestjs/common';
import type { Session, User } from '@vip/shared-dto';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { Database } from '../database/database';
import { toSession } from './session.mapper';
import { SessionsRepository } from './sessions.repository';

/** A person's own sessions: see them, end one, or end all but this one. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly db: Database,
  ) {}

  async mine(caller: User, currentSessionId: string): Promise<Session[]> {
    return (await this.sessions.listForUser(caller.id)).map((row) => toSession(row, currentSessionId));
  }

  /** Ends one of the caller's sessions (the current one too: that signs this device out). */
  async revoke(caller: User, id: string, context: RequestContext = {}): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.sessions.revokeOne(tx, caller.id, id)))
        throw new NotFoundError('You have no session with this id');
      await this.audit.recordUserEvent(
        tx,
        'user.sessions_revoked',
        caller,
        caller,
        { count: 1, sessionId: id },
        context,
      );
    });
  }

  /** "Sign out everywhere else": every session of the caller but the current one. */
  async revokeOthers(caller: User, currentSessionId: string, context: RequestContext = {}): Promise<void> {
    await this.db.transaction(async (tx) => {
      const count = await this.sessions.revokeAll(tx, caller.id, currentSessionId);
      if (count)
        await this.audit.recordUserEvent(
          tx,
          'user.sessions_revoked',
          caller,
          caller,
          { count, kept: currentSessionId },
          context,
        );
    });
  }
}
