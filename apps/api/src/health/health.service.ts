import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { pendingMigrations } from '../database/migrate';

/** Whether this instance can serve: the database answers and its schema is current. */
@Injectable()
export class HealthService {
  constructor(private readonly db: Database) {}

  /** Why the instance is not ready, or `undefined` when it is. */
  async notReady(): Promise<string | undefined> {
    let pending: string[];
    try {
      pending = await pendingMigrations((text) => this.db.query<{ name: string }>(text));
    } catch {
      return 'The database does not answer';
    }
    return pending.length > 0 ? `${pending.length} migration(s) pending` : undefined;
  }
}
