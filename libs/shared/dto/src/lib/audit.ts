import type { Role } from './role';

/** What the audit trail records. Append-only: events are never changed or removed. */
export const AUDIT_ACTIONS = [
  'user.signed_in',
  'user.sign_in_refused',
  'user.first_administrator',
  'user.role_changed',
  'user.deleted',
  'user.signed_out',
  'session.reuse_detected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One recorded change. Emails are as they were when it happened; timestamps ISO-8601 UTC. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: AuditAction;
  actorId: string | null;
  actorEmail: string | null;
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

export interface RoleCount {
  role: Role;
  count: number;
}

/** `date` is a UTC day, `YYYY-MM-DD`. */
export interface DailyCount {
  date: string;
  count: number;
}

/** `weekStart` is the Monday (UTC) the week begins, `YYYY-MM-DD`. */
export interface WeeklyCount {
  weekStart: string;
  count: number;
}

export interface DormantAccount {
  email: string;
  name: string;
  /** `null`: never signed in (account older than the threshold). */
  lastSignInAt: string | null;
}

/** Answer of `GET /api/auth/users/stats`. */
export interface UserStats {
  generatedAt: string;
  /** Every role, also those nobody has. */
  roles: RoleCount[];
  /** The last 30 UTC days, oldest first, today included. */
  signInsPerDay: DailyCount[];
  /** The last 12 weeks (Monday to Sunday, UTC), oldest first, this week included. */
  newAccountsPerWeek: WeeklyCount[];
  /** Accounts without a sign-in for 30 days or more: how many, and up to 20, longest first. */
  dormant: { count: number; items: DormantAccount[] };
}

export const DORMANT_AFTER_DAYS = 30;
export const DORMANT_LIST_SIZE = 20;
export const SIGN_IN_DAYS = 30;
export const NEW_ACCOUNT_WEEKS = 12;
