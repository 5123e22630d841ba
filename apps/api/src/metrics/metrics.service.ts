import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Database } from '../database/database';

/**
 * The Prometheus metrics of this instance, in a registry of its own (so two app
 * instances in one process, as in the tests, never share or clash).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly signIns = new Counter({
    name: 'auth_sign_ins_total',
    help: 'Finished Google sign-ins by outcome (success or the error code)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'rate_limited_requests_total',
    help: 'Requests refused with 429, by limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  private readonly webhookAttempts = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered or failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(db: Database) {
    const pool = db.pool;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one finished request; `route` is the pattern (`/api/auth/users/:email`), never the raw URL. */
  request(method: string, route: string, statusCode: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  /** Records the end of a sign-in: `success`, or the error code it was refused with. */
  signIn(outcome: string): void {
    this.signIns.inc({ outcome });
  }

  rateLimit(limit: 'auth' | 'api'): void {
    this.rateLimited.inc({ limit });
  }

  /** Records one webhook delivery attempt. */
  webhookAttempt(outcome: 'delivered' | 'failed'): void {
    this.webhookAttempts.inc({ outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
