import { Injectable } from '@nestjs/common';
import { COUNT_LIMIT, type AuditAction } from '@vip/shared-dto';
import { Database, type Sql } from '../database/database';
import { AUDIT_EVENT_COLUMNS, type AuditEventRow } from './audit-event.mapper';

/** An event to append; `occurred_at` and `id` come from the database. */
export interface NewAuditEvent {
  action: AuditAction;
  actorId?: string | null;
  actorEmail?: string | null;
  /** The API token that acted: id, name and prefix (never its secret). */
  actorTokenId?: string | null;
  actorTokenName?: string | null;
  actorTokenPrefix?: string | null;
  targetId?: string | null;
  targetEmail?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditFilter {
  action?: AuditAction;
  actorEmail?: string;
  targetEmail?: string;
  from?: Date;
  to?: Date;
}

/** Where a keyset batch continues: just after this event, in newest-first order. */
export interface AuditCursor {
  occurredAt: string;
  id: string;
}

const ORDER = 'ORDER BY occurred_at DESC, id DESC';

/**
 * The outbox half of an audit insert (`e` holds the inserted ids and actions): one
 * message per subscribed, enabled endpoint, in event order. The event id (`msg_` + the
 * audit event's id) is the `webhook-id` of every attempt.
 */
const ENQUEUE_WEBHOOKS = `INSERT INTO webhook_messages (endpoint_id, event_id, type, audit_event_id)
       SELECT w.id, 'msg_' || e.id, e.action, e.id
         FROM e JOIN webhook_endpoints w ON w.enabled AND e.action = ANY (w.events)
        ORDER BY e.id, w.id`;

/** All SQL about audit events. Only INSERT writes; the table refuses UPDATE and DELETE. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends with `tx`, so the event commits or rolls back with the change it records.
   * The same statement queues it for every enabled webhook endpoint that subscribed to
   * its action (the outbox): with no endpoints, that is a join with an empty table.
   */
  async insert(tx: Sql, event: NewAuditEvent): Promise<void> {
    await tx.prepared(
      'audit_events_insert',
      `WITH e AS (
         INSERT INTO audit_events (action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent,
                                   actor_token_id, actor_token_name, actor_token_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id, action
       )
       ${ENQUEUE_WEBHOOKS}`,
      [
        event.action,
        event.actorId ?? null,
        event.actorEmail ?? null,
        event.targetId ?? null,
        event.targetEmail ?? null,
        JSON.stringify(event.details ?? {}),
        event.requestId?.slice(0, 64) ?? null,
        event.ip?.slice(0, 64) ?? null,
        event.userAgent?.slice(0, 512) ?? null,
        event.actorTokenId ?? null,
        event.actorTokenName ?? null,
        event.actorTokenPrefix ?? null,
      ],
    );
  }

  /** Appends many events in one statement (an import records one per row), queued for webhooks as `insert` does. */
  async insertMany(tx: Sql, events: readonly NewAuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const column = <K extends keyof NewAuditEvent>(key: K) => events.map((event) => event[key] ?? null);
    await tx.query(
      `WITH e AS (
         INSERT INTO audit_events (action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent,
                                   actor_token_id, actor_token_name, actor_token_prefix)
         SELECT action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent,
                actor_token_id, actor_token_name, actor_token_prefix
           FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::uuid[], $5::varchar[], $6::jsonb[], $7::varchar[], $8::varchar[], $9::varchar[],
                       $10::uuid[], $11::varchar[], $12::varchar[])
                WITH ORDINALITY AS e (action, actor_id, actor_email, target_id, target_email, details, request_id, ip, user_agent,
                                      actor_token_id, actor_token_name, actor_token_prefix, ordinal)
          ORDER BY ordinal
         RETURNING id, action
       )
       ${ENQUEUE_WEBHOOKS}`,
      [
        column('action'),
        column('actorId'),
        column('actorEmail'),
        column('targetId'),
        column('targetEmail'),
        events.map((event) => JSON.stringify(event.details ?? {})),
        events.map((event) => event.requestId?.slice(0, 64) ?? null),
        events.map((event) => event.ip?.slice(0, 64) ?? null),
        events.map((event) => event.userAgent?.slice(0, 512) ?? null),
        column('actorTokenId'),
        column('actorTokenName'),
        column('actorTokenPrefix'),
      ],
    );
  }

  /**
   * One page, newest first, and how many events match, counted up to `COUNT_LIMIT + 1`:
   * the trail grows without end, and an exact count of a million events took 370 ms
   * (README, "Lists at scale").
   */
  async list(
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: AuditEventRow[]; total: number; totalExact: boolean }> {
    const { where, params } = whereOf(filter);
    const countParams = [...params, COUNT_LIMIT + 1];
    params.push(pageSize, (page - 1) * pageSize);
    const [rows, count] = await Promise.all([
      this.db.query<AuditEventRow>(
        `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events ${where} ${ORDER} LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      ),
      this.db.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM (SELECT FROM audit_events ${where} LIMIT $${countParams.length}) AS matches`,
        countParams,
      ),
    ]);
    const matches = count[0].total;
    return { rows, total: Math.min(matches, COUNT_LIMIT), totalExact: matches <= COUNT_LIMIT };
  }

  /**
   * One keyset batch, newest first, continuing after `after`. The cursor keeps the
   * timestamp as PostgreSQL's text (microseconds), which a JS Date would truncate.
   */
  async batch(
    filter: AuditFilter,
    after: AuditCursor | undefined,
    size: number,
  ): Promise<{ rows: AuditEventRow[]; next?: AuditCursor }> {
    const { where, params } = whereOf(filter);
    let condition = where;
    if (after) {
      params.push(after.occurredAt, after.id);
      const keyset = `(occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`;
      condition = where ? `${where} AND ${keyset}` : `WHERE ${keyset}`;
    }
    params.push(size);
    const rows = await this.db.query<AuditEventRow & { cursor_at: string }>(
      `SELECT ${AUDIT_EVENT_COLUMNS}, occurred_at::text AS cursor_at FROM audit_events ${condition} ${ORDER} LIMIT $${params.length}`,
      params,
    );
    const last = rows[rows.length - 1];
    return { rows, next: rows.length === size && last ? { occurredAt: last.cursor_at, id: last.id } : undefined };
  }

  /** Events where this person acted or was acted on, newest first. */
  async timeline(userId: string, page: number, pageSize: number): Promise<{ rows: AuditEventRow[]; total: number }> {
    // Each side walks its own index in order; the union of two short lists is sorted.
    const reach = page * pageSize;
    const [rows, count] = await Promise.all([
      this.db.query<AuditEventRow>(
        `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE id IN (
           (SELECT id FROM audit_events WHERE actor_id = $1 ${ORDER} LIMIT $2)
           UNION
           (SELECT id FROM audit_events WHERE target_id = $1 ${ORDER} LIMIT $2)
         ) ${ORDER} LIMIT $3 OFFSET $4`,
        [userId, reach, pageSize, (page - 1) * pageSize],
      ),
      this.db.query<{ total: number }>(
        'SELECT count(*)::int AS total FROM audit_events WHERE actor_id = $1 OR target_id = $1',
        [userId],
      ),
    ]);
    return { rows, total: count[0].total };
  }

  /** Sign-ins per UTC day since `since` (served by the partial index on sign-ins). */
  async signInsPerDay(since: Date): Promise<{ day: string; count: number }[]> {
    return this.db.query<{ day: string; count: number }>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS count
         FROM audit_events
        WHERE action = 'user.signed_in' AND occurred_at >= $1
        GROUP BY 1`,
      [since],
    );
  }
}

function whereOf(filter: AuditFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  if (filter.action) add((n) => `action = $${n}`, filter.action);
  // Emails are stored lower-cased: equality on the lower-cased filter uses the index.
  if (filter.actorEmail) add((n) => `actor_email = $${n}`, filter.actorEmail.toLowerCase());
  if (filter.targetEmail) add((n) => `target_email = $${n}`, filter.targetEmail.toLowerCase());
  if (filter.from) add((n) => `occurred_at >= $${n}`, filter.from);
  if (filter.to) add((n) => `occurred_at <= $${n}`, filter.to);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
