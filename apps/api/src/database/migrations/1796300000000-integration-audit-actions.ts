import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = [
  'user.signed_in',
  'user.sign_in_refused',
  'user.first_administrator',
  'user.role_changed',
  'user.deleted',
  'user.signed_out',
  'session.reuse_detected',
  'user.disabled',
  'user.enabled',
  'user.access_requested',
  'user.approved',
  'user.rejected',
  'user.sessions_revoked',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'settings.changed',
];

const ACTIONS_ADDED = ['token.created', 'token.revoked', 'webhook.created', 'webhook.changed', 'webhook.deleted'];

const actionCheck = (actions: string[]) =>
  `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${actions.map((a) => `'${a}'`).join(', ')}))`;

/** Integrations (README, "Integrations"): the audit actions of API tokens and webhooks. */
export class IntegrationAuditActions1796300000000 implements MigrationInterface {
  name = 'IntegrationAuditActions1796300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // NOT VALID, then VALIDATE: the scan of a large trail does not block its inserts.
    await db.query(`${actionCheck([...ACTIONS_BEFORE, ...ACTIONS_ADDED])} NOT VALID`);
    await db.query(`ALTER TABLE audit_events VALIDATE CONSTRAINT audit_events_action_check`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // Events of the removed actions stay (append-only): the old check applies to new rows only.
    await db.query(`${actionCheck(ACTIONS_BEFORE)} NOT VALID`);
  }
}
