import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1764900000000 implements MigrationInterface {
  name = 'CreateAuditEvents1764900000000';

  async up(db: QueryRunner): Promise<void> {
    // No foreign keys to users: events outlive the people they mention, so ids and
    // emails are copied as they were at the time.
    await db.query(`
      CREATE TABLE audit_events (
        id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at  timestamptz  NOT NULL DEFAULT now(),
        actor_id     uuid,
        actor_email  varchar(320),
        action       varchar(64)  NOT NULL,
        target_id    uuid,
        target_email varchar(320),
        details      jsonb        NOT NULL DEFAULT '{}',
        request_id   varchar(64),
        ip           varchar(64),
        user_agent   varchar(512),
        CONSTRAINT audit_events_action_check CHECK (action IN (
          'user.signed_in', 'user.sign_in_refused', 'user.first_administrator',
          'user.role_changed', 'user.deleted', 'user.signed_out'))
      )`);
    // The first page of the list with any single filter answers from one index,
    // already in (occurred_at desc, id desc) order: no sort, no scan of the table.
    await db.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX audit_events_actor_email_idx ON audit_events (actor_email, occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_target_email_idx ON audit_events (target_email, occurred_at DESC, id DESC)`,
    );
    // A person's timeline: events where they acted, merged with events about them.
    await db.query(`CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_events_target_id_idx ON audit_events (target_id, occurred_at DESC, id DESC)`);
    // Sign-ins per day (stats): a range scan over 30 days of sign-ins only, not all events.
    await db.query(
      `CREATE INDEX audit_events_signed_in_idx ON audit_events (occurred_at) WHERE action = 'user.signed_in'`,
    );

    // Append-only in the database itself, whatever the application does.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await db.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
