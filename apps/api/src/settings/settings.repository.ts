import { Injectable } from '@nestjs/common';
import type { Settings } from '@vip/shared-dto';
import { Database, type Sql, type Transaction } from '../database/database';

/** The one row of `settings`. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  async get(tx: Sql = this.db): Promise<Settings> {
    const rows = await tx.query<Settings>(
      'SELECT sign_up_policy AS "signUpPolicy", default_role AS "defaultRole" FROM settings',
    );
    return rows[0];
  }

  /** Reads the row locked, so a change and its before/after are of one moment. */
  async lock(tx: Transaction): Promise<Settings> {
    const rows = await tx.query<Settings>(
      'SELECT sign_up_policy AS "signUpPolicy", default_role AS "defaultRole" FROM settings FOR UPDATE',
    );
    return rows[0];
  }

  async update(tx: Transaction, settings: Settings): Promise<Settings> {
    const rows = await tx.query<Settings>(
      `UPDATE settings SET sign_up_policy = $1, default_role = $2, updated_at = now()
       RETURNING sign_up_policy AS "signUpPolicy", default_role AS "defaultRole"`,
      [settings.signUpPolicy, settings.defaultRole],
    );
    return rows[0];
  }
}
