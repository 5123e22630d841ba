import type { Role } from './role';

// Statistics about the accounts, for the dashboard: owned by the users feature.
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
