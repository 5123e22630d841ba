import type { AuditAction, WebhookEventType } from '@vip/shared-dto';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE } from '@vip/shared-dto';
import { AUDIT_ACTION_LABELS } from '../audit/audit-labels';

export interface EventGroup {
  label: string;
  events: readonly WebhookEventType[];
}

const inGroup = (...prefixes: string[]) =>
  WEBHOOK_EVENT_TYPES.filter((event) =>
    prefixes.some((prefix) => event.startsWith(prefix)),
  );

/** The events an endpoint can subscribe to, grouped as the picker shows them. */
export const EVENT_GROUPS: readonly EventGroup[] = [
  { label: 'Accounts', events: inGroup('user.', 'session.') },
  { label: 'Invitations', events: inGroup('invitation.') },
  { label: 'Settings', events: inGroup('settings.') },
];

/** What people call an event type; the code itself when it has no name. */
export function eventLabel(type: string): string {
  if (type === WEBHOOK_TEST_EVENT_TYPE) return 'Test event';
  return AUDIT_ACTION_LABELS[type as AuditAction] ?? type;
}

/** "All events", or the first few codes and how many more. */
export function describeEvents(events: readonly WebhookEventType[]): string {
  if (WEBHOOK_EVENT_TYPES.every((event) => events.includes(event)))
    return 'All events';
  const shown = events.slice(0, 2).join(', ');
  return events.length > 2 ? `${shown} and ${events.length - 2} more` : shown;
}
