import type { AuditAction, AuditEvent } from '@vip/shared-dto';

/** An `audit_events` row as the repository's SQL returns it (snake_case columns). */
export interface AuditEventRow {
  /** bigint: node-postgres returns it as a string. */
  id: string;
  occurred_at: Date;
  action: AuditAction;
  actor_id: string | null;
  actor_email: string | null;
  actor_token_id: string | null;
  actor_token_name: string | null;
  actor_token_prefix: string | null;
  target_id: string | null;
  target_email: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

export const AUDIT_EVENT_COLUMNS =
  'id, occurred_at, action, actor_id, actor_email, actor_token_id, actor_token_name, actor_token_prefix, target_id, target_email, details, request_id, ip, user_agent';

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    action: row.action,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorToken: row.actor_token_id
      ? { id: row.actor_token_id, name: row.actor_token_name ?? '', prefix: row.actor_token_prefix ?? '' }
      : null,
    targetId: row.target_id,
    targetEmail: row.target_email,
    details: row.details,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}
