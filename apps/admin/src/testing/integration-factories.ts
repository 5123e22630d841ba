import type { ApiToken, Webhook, WebhookDelivery } from '@vip/shared-dto';

let sequence = 0;
const uuid = (prefix: string) => {
  sequence += 1;
  return `${prefix}-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
};

/** An API token as listed; override what the test is about. */
export function anApiToken(overrides: Partial<ApiToken> = {}): ApiToken {
  const id = uuid('30000000');
  return {
    id,
    name: `Token ${sequence}`,
    prefix: `vipc_${String(sequence).padStart(7, 'a')}`,
    scopes: ['users:read'],
    createdBy: { email: 'ada@example.com', name: 'Ada Lovelace' },
    createdAt: '2026-11-20T10:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A webhook endpoint; override what the test is about. */
export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  const id = uuid('40000000');
  return {
    id,
    url: `https://hooks${sequence}.example.com/vip`,
    description: '',
    events: ['user.role_changed', 'user.deleted'],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** One delivery attempt; override what the test is about. */
export function aDelivery(
  overrides: Partial<WebhookDelivery> = {},
): WebhookDelivery {
  const id = uuid('50000000');
  return {
    id,
    eventId: `evt_${sequence}`,
    type: 'user.role_changed',
    attempt: 1,
    statusCode: 200,
    ok: true,
    durationMs: 42,
    error: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
