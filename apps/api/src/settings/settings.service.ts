import { Injectable } from '@nestjs/common';
import type { Settings, User } from '@vip/shared-dto';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { SettingsRepository } from './settings.repository';

/** Who may sign up, and as what: stored in the database, changed by administrators. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly users: UsersRepository,
    private readonly people: UsersService,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<Settings> {
    return this.settings.get();
  }

  /** Changes the settings; `settings.changed` records before and after, only when something changed. */
  update(actor: User, next: Settings, context: RequestContext = {}): Promise<Settings> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      const before = await this.settings.lock(tx);
      if (before.signUpPolicy === next.signUpPolicy && before.defaultRole === next.defaultRole) return before;
      const after = await this.settings.update(tx, next);
      await this.audit.recordUserEvent(tx, 'settings.changed', actor, null, { before, after }, context);
      return after;
    });
  }
}
