import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MAX_PENDING_STATES } from './oauth-state.store';
import { SessionsRepository } from './sessions.repository';

const PRUNE_EVERY_MS = 60_000;

/**
 * Removes expired sign-in states once a minute, so starting a sign-in costs one INSERT
 * and the table holds at most the cap plus a minute of expired rows. Every instance
 * runs it; concurrent runs just find less to delete.
 */
@Injectable()
export class OAuthStatePruner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OAuthStatePruner');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sessions: SessionsRepository) {}

  onModuleInit(): void {
    // unref: the job never keeps the process alive on its own.
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass; bounded by the cap, since no more states than that can exist. */
  async prune(): Promise<number> {
    try {
      return await this.sessions.pruneOAuthStates(MAX_PENDING_STATES);
    } catch (error) {
      // The database may be away for a moment; the next pass catches up.
      this.logger.warn(
        `Pruning expired sign-in states failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 0;
    }
  }
}
