import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, ConfigError } from '../config/app-config';
import { Database } from '../database/database';

/**
 * Production refuses to start where the first stranger to sign in would become
 * administrator: no account yet, `open` sign-up, no domain limit, no bootstrap email.
 */
@Injectable()
export class OpenDeploymentCheck implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.production || this.config.bootstrapAdminEmail || this.config.allowedDomains.length) return;
    const [state] = await this.db.query<{ empty: boolean; open: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM users) AS empty, (SELECT sign_up_policy = 'open' FROM settings) AS open`,
    );
    if (state.empty && state.open) {
      throw new ConfigError(
        'BOOTSTRAP_ADMIN_EMAIL is required: the users table is empty, sign-up is open and GOOGLE_ALLOWED_DOMAINS is unset, ' +
          'so any Google account signing in first would become administrator. Set BOOTSTRAP_ADMIN_EMAIL to your email (or GOOGLE_ALLOWED_DOMAINS).',
      );
    }
  }
}
