import type { Invitation, InvitationState, Role } from '@vip/shared-dto';

/** An `invitations` row with its derived state and inviter, as the repository's SQL returns it. */
export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  state: InvitationState;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  invited_by_email: string | null;
  invited_by_name: string | null;
}

/** The state, derived at read time: expiry needs no job to flip it. */
export const INVITATION_STATE_SQL = `CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted'
  WHEN i.revoked_at IS NOT NULL THEN 'revoked'
  WHEN i.expires_at <= now() THEN 'expired'
  ELSE 'pending' END`;

export const INVITATION_COLUMNS = `i.id, i.email, i.role, ${INVITATION_STATE_SQL} AS state, i.created_at, i.expires_at,
  i.accepted_at, i.revoked_at, u.email AS invited_by_email, u.name AS invited_by_name`;

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    state: row.state,
    invitedBy: row.invited_by_email ? { email: row.invited_by_email, name: row.invited_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at ? row.accepted_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
