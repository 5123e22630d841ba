import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { WebhookPayload } from '@vip/shared-dto';
import { toAuditEvent, type AuditEventRow } from '../audit/audit-event.mapper';
import { AppConfig, type WebhookConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signature';
import { WebhooksRepository, type ClaimedMessage } from './webhooks.repository';

/** Attempts in flight per instance, each to a different endpoint. */
const CONCURRENCY = 8;
/** A claim outlives the attempt's deadline by this much before another instance may take the message over. */
const LEASE_MARGIN_MS = 20_000;
const BACKOFF_FACTOR = 5;
const USER_AGENT = 'VIP-Coordinator-Webhooks/1.0';
/** Delivered and given-up events, with their log, are kept this long. */
export const WEBHOOK_LOG_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 1000;

/**
 * The gap before the next attempt after `attempts` failed ones: `base`, then 5 times
 * longer each time, at most `max` (defaults: 5 s, 25 s, 2 min, 10 min, 52 min, then hourly;
 * the third attempt comes within a minute of the first even when both time out).
 */
export function retryDelay(attempts: number, config: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs'>): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(config.retryBaseMs * BACKOFF_FACTOR ** exponent, config.retryMaxMs);
}

/**
 * Delivers the outbox. Every instance runs one: it claims due messages (row locks with
 * SKIP LOCKED, see `WebhooksRepository.claim`), sends them, and records each attempt.
 * Nothing is held in memory between polls, so a restart loses nothing; a message claimed
 * by a process that died is due again when its lease ends.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly config: WebhookConfig;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while awake: the next sleep is skipped. */
  private woken = false;
  private loop: Promise<void> | undefined;
  private pruner: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly metrics: Metrics,
    config: AppConfig,
  ) {
    this.config = config.webhooks;
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
    // unref: the job never keeps the process alive on its own.
    this.pruner = setInterval(() => void this.prune(), PRUNE_EVERY_MS).unref();
  }

  /** Stops claiming, cancels attempts in flight (their messages are due again at once) and waits for them. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.pruner);
    this.stopping.abort();
    this.wakeUp?.();
    await this.loop;
  }

  /** Looks for due messages now rather than at the next poll (something was just queued here). */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  /**
   * Removes what was delivered or given up more than 30 days ago, in batches. Every
   * instance runs it hourly; concurrent runs just find less to delete.
   */
  async prune(): Promise<number> {
    let removed = 0;
    try {
      for (;;) {
        const batch = await this.webhooks.prune(WEBHOOK_LOG_DAYS, PRUNE_BATCH);
        removed += batch;
        if (batch < PRUNE_BATCH || this.stopping.signal.aborted) return removed;
      }
    } catch (error) {
      this.logger.warn(`Pruning old webhook deliveries failed: ${messageOf(error)}`);
      return removed;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const free = CONCURRENCY - this.inFlight.size;
      const claimed = free > 0 ? await this.claim(free) : 0;
      if (claimed === 0) await this.sleep();
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private async claim(limit: number): Promise<number> {
    try {
      const messages = await this.webhooks.claim(limit, this.config.timeoutMs + LEASE_MARGIN_MS);
      const ids = messages.flatMap((message) => (message.audit_event_id ? [message.audit_event_id] : []));
      const events = new Map((await this.webhooks.auditEvents(ids)).map((row) => [row.id, row]));
      for (const message of messages) {
        const attempt = this.attempt(message, events.get(message.audit_event_id ?? ''));
        this.inFlight.add(attempt);
        void attempt.finally(() => {
          this.inFlight.delete(attempt);
          this.wake();
        });
      }
      if (this.failing) this.logger.log('Webhook deliveries resumed');
      this.failing = false;
      return messages.length;
    } catch (error) {
      // The database may be away for a while: say so once, keep polling.
      if (!this.failing) this.logger.warn(`Looking for webhook deliveries failed: ${messageOf(error)}`);
      this.failing = true;
      return 0;
    }
  }

  private async attempt(message: ClaimedMessage, event: AuditEventRow | undefined): Promise<void> {
    const payload: WebhookPayload<unknown> = {
      id: message.event_id,
      type: message.type,
      timestamp: (event?.occurred_at ?? message.created_at).toISOString(),
      data: event ? toAuditEvent(event) : message.data,
    };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': message.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(message.secret, message.event_id, timestamp, body),
    };
    const outcome = await sendWebhook(message.url, headers, body, {
      timeoutMs: this.config.timeoutMs,
      allowPrivateNetworks: this.config.allowPrivateNetworks,
      signal: this.stopping.signal,
    });
    if (!this.stopping.signal.aborted || outcome.ok) this.metrics.webhookAttempt(outcome.ok ? 'delivered' : 'failed');
    try {
      if (outcome.ok) await this.webhooks.delivered(message, outcome);
      else if (this.stopping.signal.aborted) await this.webhooks.release(message);
      else await this.webhooks.failed(message, outcome, retryDelay(message.attempts, this.config));
    } catch (error) {
      // Not recorded: the claim runs out and the message is sent again (at least once).
      this.logger.warn(`Recording webhook delivery ${message.event_id} failed: ${messageOf(error)}`);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      if (this.woken || this.stopping.signal.aborted) {
        this.woken = false;
        return resolve();
      }
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.config.pollMs);
      timer.unref();
      this.wakeUp = done;
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
