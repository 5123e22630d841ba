import type { AuditAction, AuditEvent, Role } from '@vip/shared-dto';
import { ROLE_LABELS } from '../shared/role-label';

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'user.signed_in': 'Signed in',
  'user.sign_in_refused': 'Sign-in refused',
  'user.first_administrator': 'Became first administrator',
  'user.role_changed': 'Role changed',
  'user.deleted': 'Deleted',
  'user.signed_out': 'Signed out',
  'session.reuse_detected': 'Stolen session revoked',
  'user.disabled': 'Disabled',
  'user.enabled': 'Enabled',
  'user.access_requested': 'Requested access',
  'user.approved': 'Approved',
  'user.rejected': 'Rejected',
  'user.sessions_revoked': 'Sessions ended',
  'invitation.created': 'Invited',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'settings.changed': 'Settings changed',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'webhook.created': 'Webhook added',
  'webhook.changed': 'Webhook changed',
  'webhook.deleted': 'Webhook removed',
};

const REFUSAL_REASONS: Readonly<Record<string, string>> = {
  invalid_state: 'invalid or reused sign-in link',
  access_denied: 'consent denied',
  email_unverified: 'email not verified',
  domain_not_allowed: 'domain not allowed',
  provider_error: 'provider error',
  email_conflict: 'email held by another account',
  account_disabled: 'account disabled',
  not_invited: 'not invited',
};

function roleOf(value: unknown): string {
  const role = (value as { role?: Role } | undefined)?.role;
  return role ? (ROLE_LABELS[role] ?? role) : '?';
}

/** One line saying what changed, from the event's before/after details. */
export function describeEvent(event: AuditEvent): string {
  const details = event.details;
  switch (event.action) {
    case 'user.role_changed':
      return `${roleOf(details['before'])} → ${roleOf(details['after'])}`;
    case 'user.sign_in_refused': {
      const reason = String(details['reason'] ?? '');
      return REFUSAL_REASONS[reason] ?? reason;
    }
    case 'user.deleted':
      return `was ${roleOf(details['before'])}`;
    case 'user.signed_in':
      return details['created'] ? 'first sign-in: account created' : '';
    default:
      return '';
  }
}
