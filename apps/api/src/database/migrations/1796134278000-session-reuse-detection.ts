import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = [
  'user.signed_in',
  'user.sign_in_refused',
  'user.first_administrator',
  'user.role_changed',
  'user.deleted',
  'user.signed_out',
];

const actionCheck = (actions: string[]) => `CHECK (action IN (${actions.map((action) => `'${action}'`).join(', ')}))`;

/**
 * Refresh-token reuse detection: a session remembers the secret it replaced and when, so
 * the previous cookie is told apart from a forged one (grace window, then revocation);
 * and the audit trail accepts `session.reuse_detected`.
 */
export class SessionReuseDetection1796134278000 implements MigrationInterface {
  name = 'SessionReuseDetection1796134278000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions ADD COLUMN previous_token_hash char(64), ADD COLUMN rotated_at timestamptz`);
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // NOT VALID, then VALIDATE: the scan of a large trail does not block its inserts.
    await db.query(
      `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check ${actionCheck([...ACTIONS, 'session.reuse_detected'])} NOT VALID`,
    );
    await db.query(`ALTER TABLE audit_events VALIDATE CONSTRAINT audit_events_action_check`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // Recorded `session.reuse_detected` events cannot be removed (append-only): the
    // narrower check applies to new rows only.
    await db.query(
      `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check ${actionCheck(ACTIONS)} NOT VALID`,
    );
    await db.query(`ALTER TABLE sessions DROP COLUMN rotated_at, DROP COLUMN previous_token_hash`);
  }
}
