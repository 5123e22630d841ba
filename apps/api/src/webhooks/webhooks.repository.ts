import { Injectable } from '@nestjs/common';
import type { WebhookEventType } from '@vip/shared-dto';
import { AUDIT_EVENT_COLUMNS, type AuditEventRow } from '../audit/audit-event.mapper';
import { Database, type Sql } from '../database/database';
import { WEBHOOK_COLUMNS, type WebhookDeliveryRow, type WebhookRow } from './webhook.mapper';

export interface NewWebhook {
  url: string;
  description: string;
  events: readonly WebhookEventType[];
  secret: string;
  createdBy: string;
}

export interface WebhookChanges {
  url?: string;
  description?: string;
  events?: readonly WebhookEventType[];
  enabled?: boolean;
}

/** A message the worker claimed: where it goes, how to sign it, what it says. */
export interface ClaimedMessage {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: string;
  data: Record<string, unknown> | null;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  /** The audit event it tells of (null for a test event). */
  audit_event_id: string | null;
}

export interface AttemptOutcome {
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
}

/** A pending message: neither delivered nor given up. */
const PENDING = 'delivered_at IS NULL AND given_up_at IS NULL';
/** Attempts fail for at most this long: then the message is given up, and its endpoint disabled. */
export const FAILURE_WINDOW = `interval '24 hours'`;

/** All SQL about webhooks: endpoints, their outbox and their delivery log. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<WebhookRow[]> {
    return this.db.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`);
  }

  async find(id: string): Promise<WebhookRow | undefined> {
    const [row] = await this.db.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [
      id,
    ]);
    return row;
  }

  async lock(tx: Sql, id: string): Promise<WebhookRow | undefined> {
    const [row] = await tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async insert(tx: Sql, webhook: NewWebhook): Promise<WebhookRow> {
    const [row] = await tx.query<WebhookRow>(
      `INSERT INTO webhook_endpoints (url, description, events, secret, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${WEBHOOK_COLUMNS}`,
      [webhook.url, webhook.description, webhook.events, webhook.secret, webhook.createdBy],
    );
    return row;
  }

  /** Enabling clears the failure state; disabling here is an administrator's (`manual`). */
  async update(tx: Sql, id: string, changes: WebhookChanges): Promise<WebhookRow> {
    const [row] = await tx.query<WebhookRow>(
      `UPDATE webhook_endpoints SET
              url = coalesce($2, url),
              description = coalesce($3, description),
              events = coalesce($4, events),
              enabled = coalesce($5, enabled),
              disabled_reason = CASE WHEN $5 IS NULL THEN disabled_reason WHEN $5 THEN NULL
                                     WHEN enabled THEN 'manual' ELSE disabled_reason END,
              disabled_at = CASE WHEN $5 IS NULL THEN disabled_at WHEN $5 THEN NULL
                                 WHEN enabled THEN now() ELSE disabled_at END,
              failing_since = CASE WHEN $5 AND NOT enabled THEN NULL ELSE failing_since END,
              updated_at = now()
        WHERE id = $1
        RETURNING ${WEBHOOK_COLUMNS}`,
      [id, changes.url ?? null, changes.description ?? null, changes.events ?? null, changes.enabled ?? null],
    );
    return row;
  }

  async delete(tx: Sql, id: string): Promise<void> {
    await tx.query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
  }

  /** The log of one endpoint, newest first. */
  async deliveries(
    endpointId: string,
    page: number,
    pageSize: number,
  ): Promise<{ rows: WebhookDeliveryRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.query<WebhookDeliveryRow>(
        `SELECT d.id, m.event_id, m.type, d.attempt, d.status_code, d.ok, d.duration_ms, d.error, d.created_at
           FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
          WHERE d.endpoint_id = $1
          ORDER BY d.created_at DESC, d.id DESC
          LIMIT $2 OFFSET $3`,
        [endpointId, pageSize, (page - 1) * pageSize],
      ),
      this.db.query<{ total: number }>('SELECT count(*)::int AS total FROM webhook_deliveries WHERE endpoint_id = $1', [
        endpointId,
      ]),
    ]);
    return { rows, total: count[0].total };
  }

  /** Queues an event that is no audit event (a test event) for one endpoint. */
  async enqueue(
    tx: Sql,
    endpointId: string,
    eventId: string,
    type: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(`INSERT INTO webhook_messages (endpoint_id, event_id, type, data) VALUES ($1, $2, $3, $4)`, [
      endpointId,
      eventId,
      type,
      JSON.stringify(data),
    ]);
  }

  /** Queues the event of one delivery of this endpoint again, behind what is pending; its event id, or undefined. */
  async requeue(tx: Sql, endpointId: string, deliveryId: string): Promise<string | undefined> {
    const [row] = await tx.query<{ event_id: string }>(
      `INSERT INTO webhook_messages (endpoint_id, event_id, type, audit_event_id, data)
       SELECT m.endpoint_id, m.event_id, m.type, m.audit_event_id, m.data
         FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
        WHERE d.id = $2 AND d.endpoint_id = $1
       RETURNING event_id`,
      [endpointId, deliveryId],
    );
    return row?.event_id;
  }

  /**
   * Claims up to `limit` messages for delivery: for each enabled endpoint only the oldest
   * pending message (so each endpoint gets its events in order, one at a time), and only
   * when it is due. Claiming pushes `next_attempt_at` past the attempt's deadline: other
   * instances skip the row (locked now, not due afterwards), and if this process dies the
   * message is due again once the lease ends.
   */
  claim(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    return this.db.query<ClaimedMessage>(
      `WITH due AS (
         SELECT head.id
           FROM webhook_endpoints w
           CROSS JOIN LATERAL (
             SELECT m.id, m.next_attempt_at FROM webhook_messages m
              WHERE m.endpoint_id = w.id AND m.delivered_at IS NULL AND m.given_up_at IS NULL
              ORDER BY m.id LIMIT 1
           ) head
          WHERE w.enabled AND head.next_attempt_at <= now()
          ORDER BY head.next_attempt_at
          LIMIT $1
       ), claimed AS (
         SELECT m.id FROM webhook_messages m JOIN due ON due.id = m.id
          WHERE m.next_attempt_at <= now() AND m.delivered_at IS NULL AND m.given_up_at IS NULL
          FOR UPDATE OF m SKIP LOCKED
       )
       UPDATE webhook_messages m
          SET attempts = m.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM claimed, webhook_endpoints w
        WHERE m.id = claimed.id AND w.id = m.endpoint_id
       RETURNING m.id, m.endpoint_id, m.event_id, m.type, m.audit_event_id, m.data, m.attempts, m.created_at,
                 w.url, w.secret`,
      [limit, leaseMs],
    );
  }

  /** The audit events that claimed messages tell of, in one query. */
  auditEvents(ids: readonly string[]): Promise<AuditEventRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query<AuditEventRow>(
      `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE id = ANY ($1::bigint[])`,
      [ids],
    );
  }

  /** A delivered message: logged, and its endpoint no longer failing. */
  async delivered(message: ClaimedMessage, outcome: AttemptOutcome): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockEndpoint(tx, message);
      const updated = await tx.query(
        `UPDATE webhook_messages SET delivered_at = now() WHERE id = $1 AND attempts = $2 AND ${PENDING} RETURNING id`,
        [message.id, message.attempts],
      );
      await this.log(tx, message, outcome);
      if (updated.length) {
        await tx.query(
          `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
          [message.endpoint_id],
        );
      }
    });
  }

  /**
   * A failed attempt: logged; retried after `retryInMs`, or given up once the message has
   * failed for a day. An endpoint failing for a day is disabled (`failing`).
   */
  async failed(message: ClaimedMessage, outcome: AttemptOutcome, retryInMs: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockEndpoint(tx, message);
      const updated = await tx.query(
        `UPDATE webhook_messages
            SET given_up_at = CASE WHEN created_at <= now() - ${FAILURE_WINDOW} THEN now() END,
                next_attempt_at = now() + $3 * interval '1 millisecond'
          WHERE id = $1 AND attempts = $2 AND ${PENDING}
          RETURNING id`,
        [message.id, message.attempts, retryInMs],
      );
      await this.log(tx, message, outcome);
      if (updated.length) {
        await tx.query(
          `UPDATE webhook_endpoints
              SET failing_since = coalesce(failing_since, now()),
                  enabled = enabled AND NOT coalesce(failing_since <= now() - ${FAILURE_WINDOW}, false),
                  disabled_reason = CASE WHEN enabled AND failing_since <= now() - ${FAILURE_WINDOW}
                                         THEN 'failing' ELSE disabled_reason END,
                  disabled_at = CASE WHEN enabled AND failing_since <= now() - ${FAILURE_WINDOW}
                                     THEN now() ELSE disabled_at END
            WHERE id = $1`,
          [message.endpoint_id],
        );
      }
    });
  }

  /** Gives a claimed message back (the app is stopping mid-attempt): due again at once, attempt not counted. */
  async release(message: ClaimedMessage): Promise<void> {
    await this.db.query(
      `UPDATE webhook_messages SET next_attempt_at = now(), attempts = attempts - 1
        WHERE id = $1 AND attempts = $2 AND ${PENDING}`,
      [message.id, message.attempts],
    );
  }

  /** Removes up to `limit` delivered or given-up messages (and their log) older than `days`; answers how many. */
  async prune(days: number, limit: number): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM webhook_messages WHERE id IN (
         SELECT id FROM webhook_messages
          WHERE created_at < now() - $1 * interval '1 day' AND NOT (${PENDING})
          LIMIT $2)
       RETURNING id`,
      [days, limit],
    );
    return rows.length;
  }

  /**
   * Locks the message's endpoint before the message. Deleting an endpoint locks it and
   * then, by cascade, its messages; recording an attempt took the message, then the
   * endpoint (the log's foreign key, `failing_since`): two orders, and PostgreSQL broke
   * the deadlock by failing one of them. Now both take the endpoint first. Deleted
   * meanwhile, it locks nothing and the statements after it change nothing.
   */
  private async lockEndpoint(tx: Sql, message: ClaimedMessage): Promise<void> {
    await tx.query('SELECT 1 FROM webhook_endpoints WHERE id = $1 FOR NO KEY UPDATE', [message.endpoint_id]);
  }

  /** The attempt, in the log, unless the endpoint (and with it the message) was deleted meanwhile. */
  private async log(tx: Sql, message: ClaimedMessage, outcome: AttemptOutcome): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_deliveries (endpoint_id, message_id, attempt, status_code, ok, duration_ms, error)
       SELECT endpoint_id, id, $2, $3, $4, $5, $6 FROM webhook_messages WHERE id = $1`,
      [
        message.id,
        message.attempts,
        outcome.statusCode,
        outcome.ok,
        outcome.durationMs,
        outcome.error?.slice(0, 500) ?? null,
      ],
    );
  }
}
