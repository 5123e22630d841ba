import { CreateUsersAndSessions1764180000000 } from './1764180000000-create-users-and-sessions';
import { CreateAuditEvents1764900000000 } from './1764900000000-create-audit-events';
import { SessionReuseDetection1796134278000 } from './1796134278000-session-reuse-detection';
import { ListsAtScale1796140000000 } from './1796140000000-lists-at-scale';
import { AccessLifecycle1796200000000 } from './1796200000000-access-lifecycle';
import { IntegrationAuditActions1796300000000 } from './1796300000000-integration-audit-actions';
import { UserCountsByStatus1796310000000 } from './1796310000000-user-counts-by-status';
import { ApiTokens1796340000000 } from './1796340000000-api-tokens';
import { Webhooks1796600000000 } from './1796600000000-webhooks';
import { CoveringListIndexes1796700000000 } from './1796700000000-covering-list-indexes';

/** Every migration, oldest first. Append-only: never edit one that has been merged. */
export const migrations = [
  CreateUsersAndSessions1764180000000,
  CreateAuditEvents1764900000000,
  SessionReuseDetection1796134278000,
  ListsAtScale1796140000000,
  AccessLifecycle1796200000000,
  IntegrationAuditActions1796300000000,
  UserCountsByStatus1796310000000,
  ApiTokens1796340000000,
  Webhooks1796600000000,
  CoveringListIndexes1796700000000,
];
