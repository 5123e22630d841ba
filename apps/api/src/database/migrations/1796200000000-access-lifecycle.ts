import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = [
  'user.signed_in',
  'user.sign_in_refused',
  'user.first_administrator',
  'user.role_changed',
  'user.deleted',
  'user.signed_out',
  'session.reuse_detected',
];

const ACTIONS_ADDED = [
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

const actionCheck = (actions: string[]) =>
  `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${actions.map((a) => `'${a}'`).join(', ')}))`;

/**
 * Access lifecycle (README, "Access lifecycle"): account status, the sign-up settings,
 * invitations, and the audit actions that record them.
 */
export class AccessLifecycle1796200000000 implements MigrationInterface {
  name = 'AccessLifecycle1796200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN status varchar(20) NOT NULL DEFAULT 'active'`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'pending', 'disabled'))`,
    );
    // The status filter sorted by email, and the status sort (ties broken by the unique email).
    await db.query(`CREATE INDEX users_status_email_idx ON users (status, email)`);
    // The role filter sorted by status, as every sort of the list (see ListsAtScale).
    await db.query(`CREATE INDEX users_role_status_email_idx ON users (role, status, email)`);

    // One row: the settings administrators change in the console.
    await db.query(`
      CREATE TABLE settings (
        id             boolean     PRIMARY KEY DEFAULT true,
        sign_up_policy varchar(20) NOT NULL DEFAULT 'open',
        default_role   varchar(20) NOT NULL DEFAULT 'coordinator',
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT settings_single_row_check CHECK (id),
        CONSTRAINT settings_sign_up_policy_check CHECK (sign_up_policy IN ('open', 'approval', 'invitation')),
        CONSTRAINT settings_default_role_check CHECK (default_role IN ('coordinator', 'driver'))
      )`);
    await db.query(`INSERT INTO settings DEFAULT VALUES`);

    await db.query(`
      CREATE TABLE invitations (
        id          uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
        email       varchar(320) NOT NULL,
        role        varchar(20)  NOT NULL,
        name        varchar(255),
        invited_by  uuid         REFERENCES users (id) ON DELETE SET NULL,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        expires_at  timestamptz  NOT NULL,
        accepted_at timestamptz,
        revoked_at  timestamptz,
        CONSTRAINT invitations_email_lower_check CHECK (email = lower(email)),
        CONSTRAINT invitations_role_check CHECK (role IN ('administrator', 'coordinator', 'driver')),
        CONSTRAINT invitations_closed_once_check CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      )`);
    // Each sort reads one B-tree in order; ties break on id.
    await db.query(`CREATE INDEX invitations_created_at_idx ON invitations (created_at, id)`);
    await db.query(`CREATE INDEX invitations_email_idx ON invitations (email, id)`);
    await db.query(`CREATE INDEX invitations_expires_at_idx ON invitations (expires_at, id)`);
    await db.query(
      `CREATE INDEX invitations_email_trgm_idx ON invitations USING gin (email gin_trgm_ops) WITH (fastupdate = off)`,
    );
    // Open invitations (pending or expired) of an email: the sign-in and create lookups.
    await db.query(
      `CREATE INDEX invitations_open_email_idx ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    // State filters: each state is a small index of its own.
    await db.query(
      `CREATE INDEX invitations_open_idx ON invitations (expires_at, id) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX invitations_accepted_idx ON invitations (accepted_at, id) WHERE accepted_at IS NOT NULL`,
    );
    await db.query(`CREATE INDEX invitations_revoked_idx ON invitations (revoked_at, id) WHERE revoked_at IS NOT NULL`);
    await db.query(`CREATE INDEX invitations_invited_by_idx ON invitations (invited_by)`);

    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // NOT VALID, then VALIDATE: the scan of a large trail does not block its inserts.
    await db.query(`${actionCheck([...ACTIONS_BEFORE, ...ACTIONS_ADDED])} NOT VALID`);
    await db.query(`ALTER TABLE audit_events VALIDATE CONSTRAINT audit_events_action_check`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    // Events of the removed actions stay (append-only): the old check applies to new rows only.
    await db.query(`${actionCheck(ACTIONS_BEFORE)} NOT VALID`);
    await db.query(`DROP TABLE invitations`);
    await db.query(`DROP TABLE settings`);
    await db.query(`DROP INDEX users_role_status_email_idx`);
    await db.query(`DROP INDEX users_status_email_idx`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await db.query(`ALTER TABLE users DROP COLUMN status`);
  }
}
