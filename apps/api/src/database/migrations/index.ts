import { CreateUsersAndSessions1764180000000 } from './1764180000000-create-users-and-sessions';
import { CreateAuditEvents1764900000000 } from './1764900000000-create-audit-events';

/** Every migration, oldest first. Append-only: never edit one that has been merged. */
export const migrations = [CreateUsersAndSessions1764180000000, CreateAuditEvents1764900000000];
