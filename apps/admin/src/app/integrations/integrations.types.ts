// The Integrations shapes of the contract (CONTRACT.md, "Integrations"), held here until
// they are in @vip/shared-dto: swap these imports for the shared ones then.
import type { AuditAction } from '@vip/shared-dto';
import { AUDIT_ACTIONS } from '@vip/shared-dto';

export const TOKEN_SCOPES = [
  'users:read',
  'users:write',
  'audit:read',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** An API token as listed; its secret is never returned after creation. */
export interface ApiToken {
  id: string;
  name: string;
  /** The first 12 characters of the secret (`vipc_` + 7), to recognise it by. */
  prefix: string;
  scopes: TokenScope[];
  createdBy: { email: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/tokens`; without `expiresInDays` the token does not expire. */
export interface CreateTokenRequest {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number;
}

/** 201 of `POST /api/tokens`: the only time the secret (`vipc_…`) is shown. */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

/** A webhook endpoint. */
export interface Webhook {
  id: string;
  url: string;
  description: string | null;
  events: AuditAction[];
  enabled: boolean;
  createdAt: string;
  /** `failing`: turned off automatically after a day of failed deliveries. */
  disabledReason?: 'failing' | null;
  /** When the failures that are still going on began. */
  failingSince?: string | null;
}

/** `POST /api/webhooks`. */
export interface CreateWebhookRequest {
  url: string;
  events: AuditAction[];
  description?: string;
}

/** 201 of `POST /api/webhooks`: the only time the signing secret (`whsec_…`) is shown. */
export interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

/** `PATCH /api/webhooks/:id`. */
export interface UpdateWebhookRequest {
  url?: string;
  events?: AuditAction[];
  enabled?: boolean;
  description?: string;
}

/** One attempt to deliver one event to an endpoint. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: AuditAction;
  attempt: number;
  /** The receiver's HTTP status; `null` when it never answered (timeout, refused). */
  statusCode: number | null;
  ok: boolean;
  durationMs: number | null;
  createdAt: string;
}

/** What an endpoint can subscribe to: the audit actions about accounts, invitations and settings. */
export const WEBHOOK_EVENTS: readonly AuditAction[] = AUDIT_ACTIONS.filter(
  (action) =>
    ['user.', 'session.', 'invitation.', 'settings.'].some((prefix) =>
      action.startsWith(prefix),
    ),
);
