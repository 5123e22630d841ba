import type { Role } from './role';

/** A sign-in session as its owner (or an administrator) sees it. Timestamps ISO-8601 UTC. */
export interface Session {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  /** The session the caller's access token belongs to ("this device"). */
  current: boolean;
}

/** Who may create an account by signing in. */
export const SIGN_UP_POLICIES = ['open', 'approval', 'invitation'] as const;
export type SignUpPolicy = (typeof SIGN_UP_POLICIES)[number];

/** Roles a new account may get by default: never administrator. */
export const DEFAULT_ROLES = ['coordinator', 'driver'] as const satisfies readonly Role[];
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

/** `GET`/`PUT /api/settings`. */
export interface Settings {
  signUpPolicy: SignUpPolicy;
  defaultRole: DefaultRole;
}

export const DEFAULT_SETTINGS: Settings = { signUpPolicy: 'open', defaultRole: 'coordinator' };

export const INVITATION_STATES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** An invitation of one email, with the role its account will get. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  invitedBy: { email: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export const INVITATION_SORT_FIELDS = ['email', 'createdAt', 'expiresAt'] as const;
export type InvitationSortField = (typeof INVITATION_SORT_FIELDS)[number];
export type InvitationSort = InvitationSortField | `-${InvitationSortField}`;

export interface InvitationListQuery {
  page?: number;
  pageSize?: number;
  search?: string;
  state?: InvitationState;
  sort?: InvitationSort;
}

export const DEFAULT_INVITATION_DAYS = 14;
export const MAX_INVITATION_DAYS = 365;
export const MAX_IMPORT_ROWS = 1000;

/** Body of `POST /api/invitations`. */
export interface CreateInvitationRequest {
  email: string;
  role: Role;
  expiresInDays?: number;
}

/** One data row of an imported roster and its verdict; `line` counts the header as line 1. */
export interface ImportRow {
  line: number;
  email: string;
  role: string;
  error?: string;
}

/** Answer of `POST /api/invitations/import` (also, with status 400, when any row is bad). */
export interface ImportResult {
  rows: ImportRow[];
  /** Invitations written: 0 for a preview (`dryRun=true`) or a refused file. */
  created: number;
}
