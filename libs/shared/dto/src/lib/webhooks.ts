import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from './audit';

const WEBHOOK_EVENT_PREFIXES = ['user.', 'session.', 'invitation.', 'settings.'] as const;

/** The audit actions an endpoint may subscribe to: those about accounts, sessions, invitations and settings. */
export const WEBHOOK_EVENT_TYPES = AUDIT_ACTIONS.filter((action) =>
  WEBHOOK_EVENT_PREFIXES.some((prefix) => action.startsWith(prefix)),
) as readonly WebhookEventType[];
export type WebhookEventType = Extract<AuditAction, `${'user' | 'session' | 'invitation' | 'settings'}.${string}`>;

/** The type of the event `POST /api/webhooks/:id/test` sends; nobody subscribes to it. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** Why an endpoint receives nothing: an administrator turned it off, or it failed for a day. */
export const WEBHOOK_DISABLED_REASONS = ['manual', 'failing'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/** A registered endpoint. Its signing secret is shown once, when it is created. Timestamps ISO-8601 UTC. */
export interface Webhook {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Set while `enabled` is false. */
  disabledReason: WebhookDisabledReason | null;
  disabledAt: string | null;
  /** When the current run of failed deliveries began; null while deliveries succeed. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/webhooks`. */
export interface CreateWebhookRequest {
  url: string;
  events: WebhookEventType[];
  description?: string;
}

/** Answer of `POST /api/webhooks`: the secret (`whsec_…`) is never shown again. */
export interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

/** Body of `PATCH /api/webhooks/:id`: what is given changes. Enabling clears the failure state. */
export interface UpdateWebhookRequest {
  url?: string;
  events?: WebhookEventType[];
  description?: string;
  enabled?: boolean;
}

/** One attempt to deliver one event to one endpoint. */
export interface WebhookDelivery {
  id: string;
  /** The `webhook-id` header: the same on every attempt and redelivery of the event. */
  eventId: string;
  type: string;
  /** 1 for the first attempt of this event to this endpoint. */
  attempt: number;
  /** The receiver's status; null when no response came (refused, timed out, address not allowed). */
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  /** Why the attempt failed, when no status explains it. */
  error: string | null;
  createdAt: string;
}

/** Answer of `POST /api/webhooks/:id/test` and of a redelivery (202): what was queued. */
export interface WebhookQueued {
  eventId: string;
}

/** The JSON body of every webhook request. `timestamp` is when the event happened. */
export interface WebhookPayload<T = AuditEvent> {
  id: string;
  type: string;
  timestamp: string;
  data: T;
}

/** Paging of `GET /api/webhooks/:id/deliveries`, newest first. */
export interface WebhookDeliveryQuery {
  page?: number;
  pageSize?: number;
}
