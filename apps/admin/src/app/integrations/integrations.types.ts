// The Integrations shapes of the contract (CONTRACT.md, "Integrations") the console uses.
// The webhook ones are held here until they are in @vip/shared-dto, named as the API's
// webhooks.ts names them, so swapping means exporting them from there as the tokens are.
import type { AuditAction } from '@vip/shared-dto';
import { AUDIT_ACTIONS } from '@vip/shared-dto';

// API tokens are in the shared library already.
export type {
  ApiToken,
  ApiTokenScope,
  CreateApiTokenRequest,
  CreatedApiToken,
} from '@vip/shared-dto';
export { API_TOKEN_SCOPES } from '@vip/shared-dto';

/** Why an endpoint receives nothing: an administrator turned it off, or it failed for a day. */
export type WebhookDisabledReason = 'manual' | 'failing';

/** A webhook endpoint. */
export interface Webhook {
  id: string;
  url: string;
  description: string;
  events: AuditAction[];
  enabled: boolean;
  /** Set while `enabled` is false; `failing`: turned off after a day of failed deliveries. */
  disabledReason: WebhookDisabledReason | null;
  disabledAt: string | null;
  /** When the current run of failed deliveries began; `null` while deliveries succeed. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
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

/** The type of the event `POST /api/webhooks/:id/test` sends. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** One attempt to deliver one event to an endpoint. */
export interface WebhookDelivery {
  id: string;
  /** The `webhook-id` header: the same on every attempt and redelivery of the event. */
  eventId: string;
  /** An audit action, or `webhook.test`. */
  type: string;
  attempt: number;
  /** The receiver's HTTP status; `null` when no response came (refused, timed out, address not allowed). */
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  /** Why the attempt failed, when no status explains it. */
  error: string | null;
  createdAt: string;
}

/** What an endpoint can subscribe to: the audit actions about accounts, invitations and settings. */
export const WEBHOOK_EVENT_TYPES: readonly AuditAction[] = AUDIT_ACTIONS.filter(
  (action) =>
    ['user.', 'session.', 'invitation.', 'settings.'].some((prefix) =>
      action.startsWith(prefix),
    ),
);
