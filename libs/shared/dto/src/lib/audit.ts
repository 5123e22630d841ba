/** What the audit trail records. Append-only: events are never changed or removed. */
export const AUDIT_ACTIONS = [
  'user.signed_in',
  'user.sign_in_refused',
  'user.first_administrator',
  'user.role_changed',
  'user.deleted',
  'user.signed_out',
  'session.reuse_detected',
  'user.disabled',
  'user.enabled',
  'user.access_requested',
  'user.approved',
  'user.rejected',
  'user.sessions_revoked',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'settings.changed',
  'token.created',
  'token.revoked',
  'webhook.created',
  'webhook.changed',
  'webhook.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An API token as the audit trail names it: id, name and prefix at the time. */
export interface AuditActorToken {
  id: string;
  name: string;
  prefix: string;
}

/** One recorded change. Emails are as they were when it happened; timestamps ISO-8601 UTC. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: AuditAction;
  actorId: string | null;
  actorEmail: string | null;
  /** The API token that acted (then `actorId` and `actorEmail` are `null`); never its secret. */
  actorToken: AuditActorToken | null;
  targetId: string | null;
  targetEmail: string | null;
  /** Before and after values (`{ before, after }`) or, for refusals, `{ reason, email }`. */
  details: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Filters of `GET /api/audit-events` (and `.csv`). `from`/`to` are ISO times, both inclusive. */
export interface AuditEventQuery {
  page?: number;
  pageSize?: number;
  action?: AuditAction;
  actorEmail?: string;
  targetEmail?: string;
  from?: string;
  to?: string;
}

/** Paging of a person's timeline (`GET /api/auth/users/:email/activity`). */
export interface ActivityQuery {
  page?: number;
  pageSize?: number;
}
