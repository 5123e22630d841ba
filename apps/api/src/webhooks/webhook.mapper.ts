import type { Webhook, WebhookDelivery, WebhookDisabledReason, WebhookEventType } from '@vip/shared-dto';

/** A `webhook_endpoints` row as the repository's SQL returns it. */
export interface WebhookRow {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  secret: string;
  enabled: boolean;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const WEBHOOK_COLUMNS =
  'id, url, description, events, secret, enabled, disabled_reason, disabled_at, failing_since, created_at, updated_at';

/** A delivery attempt joined to its event. */
export interface WebhookDeliveryRow {
  id: string;
  event_id: string;
  type: string;
  attempt: number;
  status_code: number | null;
  ok: boolean;
  duration_ms: number;
  error: string | null;
  created_at: Date;
}

/** The endpoint as administrators see it: never its secret. */
export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    failingSince: row.failing_since?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    attempt: row.attempt,
    statusCode: row.status_code,
    ok: row.ok,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at.toISOString(),
  };
}
