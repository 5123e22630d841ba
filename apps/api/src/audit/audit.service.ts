import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  type AuditEvent,
  type AuditEventQuery,
  type DailyCount,
  type Page,
  type SignInError,
  type User,
} from '@vip/shared-dto';
import { Readable } from 'node:stream';
import type { RequestContext } from '../common/request-context';
import { Database, type Sql } from '../database/database';
import { toAuditEvent, type AuditEventRow } from './audit-event.mapper';
import { AuditRepository, type AuditFilter, type NewAuditEvent } from './audit.repository';
import { csvRecord } from './csv';

const CSV_BATCH = 1000;
const CSV_HEADER = [
  'id',
  'occurredAt',
  'action',
  'actorId',
  'actorEmail',
  'targetId',
  'targetEmail',
  'details',
  'requestId',
  'ip',
  'userAgent',
  'actorTokenId',
  'actorTokenName',
  'actorTokenPrefix',
];

/** A person as an event names them: id and email at the time. */
type Party = Pick<User, 'id' | 'email'>;

/**
 * The audit trail. Writers pass the transaction of the change they record, so a change
 * and its event commit together or not at all. Nothing secret goes in: no tokens, codes
 * or cookies; names are data in `details`, never part of a log line.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly events: AuditRepository,
    private readonly db: Database,
  ) {}

  record(tx: Sql, event: NewAuditEvent, context: RequestContext = {}): Promise<void> {
    return this.events.insert(tx, inContext(event, context));
  }

  /** Many events of one request, appended in one statement. */
  recordMany(tx: Sql, events: readonly NewAuditEvent[], context: RequestContext = {}): Promise<void> {
    return this.events.insertMany(
      tx,
      events.map((event) => inContext(event, context)),
    );
  }

  /** `action` done by `actor` to `target` (often the same person). */
  recordUserEvent(
    tx: Sql,
    action: NewAuditEvent['action'],
    actor: Party | null,
    target: Party | null,
    details: Record<string, unknown>,
    context: RequestContext,
  ): Promise<void> {
    return this.record(
      tx,
      {
        action,
        actorId: actor?.id,
        actorEmail: actor?.email,
        targetId: target?.id,
        targetEmail: target?.email,
        details,
      },
      context,
    );
  }

  /** A refused sign-in: nobody was signed in or created, so only the attempted email is known. */
  recordSignInRefused(reason: SignInError, email: string | undefined, context: RequestContext): Promise<void> {
    const attempted = email?.toLowerCase().slice(0, 320);
    return this.record(
      this.db,
      { action: 'user.sign_in_refused', actorEmail: attempted, details: { reason, email: attempted ?? null } },
      context,
    );
  }

  async list(query: AuditEventQuery): Promise<Page<AuditEvent>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total, totalExact } = await this.events.list(filterOf(query), page, pageSize);
    return { items: rows.map(toAuditEvent), total, totalExact, page, pageSize };
  }

  async timeline(userId: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<AuditEvent>> {
    const { rows, total } = await this.events.timeline(userId, page, pageSize);
    return { items: rows.map(toAuditEvent), total, page, pageSize };
  }

  /** The filtered events as CSV, newest first, read in keyset batches as the client reads. */
  csv(query: AuditEventQuery): Readable {
    const events = this.events;
    const filter = filterOf(query);
    async function* lines(): AsyncGenerator<string> {
      yield csvRecord(CSV_HEADER);
      let batch = await events.batch(filter, undefined, CSV_BATCH);
      for (;;) {
        if (batch.rows.length) yield batch.rows.map(csvLine).join('');
        if (!batch.next) return;
        batch = await events.batch(filter, batch.next, CSV_BATCH);
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }

  /** Sign-ins on each of the last `days` UTC days, oldest first, zeros included. */
  async signInsPerDay(days: number, now = new Date()): Promise<DailyCount[]> {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const first = today - (days - 1) * 86_400_000;
    const counts = new Map((await this.events.signInsPerDay(new Date(first))).map((row) => [row.day, row.count]));
    return Array.from({ length: days }, (_, i) => {
      const date = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
      return { date, count: counts.get(date) ?? 0 };
    });
  }
}

/**
 * The event with where it came from. A request made with an API token is the token's
 * doing: the token (id, name, prefix) is the actor, and no person is named as one.
 */
function inContext(event: NewAuditEvent, { apiToken, ...origin }: RequestContext): NewAuditEvent {
  const located = { ...origin, ...event };
  if (!apiToken) return located;
  return {
    ...located,
    actorId: null,
    actorEmail: null,
    actorTokenId: apiToken.id,
    actorTokenName: apiToken.name,
    actorTokenPrefix: apiToken.prefix,
  };
}

function filterOf(query: AuditEventQuery): AuditFilter {
  return {
    action: query.action,
    actorEmail: query.actorEmail,
    targetEmail: query.targetEmail,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

function csvLine(row: AuditEventRow): string {
  const event = toAuditEvent(row);
  return csvRecord([
    event.id,
    event.occurredAt,
    event.action,
    event.actorId,
    event.actorEmail,
    event.targetId,
    event.targetEmail,
    JSON.stringify(event.details),
    event.requestId,
    event.ip,
    event.userAgent,
    event.actorToken?.id,
    event.actorToken?.name,
    event.actorToken?.prefix,
  ]);
}
