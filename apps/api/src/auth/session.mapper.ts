import type { Session } from '@vip/shared-dto';
import type { SessionRow } from './sessions.repository';

/** `current`: the session of the caller's own access token ("this device"). */
export function toSession(row: SessionRow, currentSessionId?: string): Session {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
    ip: row.ip,
    current: row.id === currentSessionId,
  };
}
