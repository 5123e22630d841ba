import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (README, "Webhooks"): the endpoints, the outbox of events waiting for each of
 * them, and the log of delivery attempts.
 */
export class Webhooks1796600000000 implements MigrationInterface {
  name = 'Webhooks1796600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id              uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
        url             varchar(2048) NOT NULL,
        description     varchar(200)  NOT NULL DEFAULT '',
        events          text[]        NOT NULL,
        secret          varchar(64)   NOT NULL,
        enabled         boolean       NOT NULL DEFAULT true,
        disabled_reason varchar(20),
        disabled_at     timestamptz,
        failing_since   timestamptz,
        created_by      uuid          REFERENCES users (id) ON DELETE SET NULL,
        created_at      timestamptz   NOT NULL DEFAULT now(),
        updated_at      timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_disabled_reason_check CHECK (disabled_reason IN ('manual', 'failing')),
        CONSTRAINT webhook_endpoints_disabled_check CHECK (enabled = (disabled_reason IS NULL)),
        CONSTRAINT webhook_endpoints_events_check CHECK (cardinality(events) > 0)
      )`);

    await db.query(`
      CREATE TABLE webhook_messages (
        id              bigint       GENERATED ALWAYS AS IDENTITY,
        endpoint_id     uuid         NOT NULL,
        event_id        varchar(64)  NOT NULL,
        type            varchar(64)  NOT NULL,
        audit_event_id  bigint,
        data            jsonb,
        attempts        int          NOT NULL DEFAULT 0,
        next_attempt_at timestamptz  NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        given_up_at     timestamptz,
        created_at      timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT webhook_messages_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_messages_endpoint_id_fkey FOREIGN KEY (endpoint_id)
          REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        CONSTRAINT webhook_messages_source_check CHECK ((audit_event_id IS NULL) <> (data IS NULL))
      )`);
    // No foreign key to audit_events: that table is append-only (and a key would stand in
    // the way of its TRUNCATE trigger's refusal).
    // Deleting an endpoint removes its messages (all of them), and the queue of each
    // endpoint is read head first (only the pending ones).
    await db.query(`CREATE INDEX webhook_messages_endpoint_id_idx ON webhook_messages (endpoint_id, id)`);
    // Old finished messages are pruned by age.
    await db.query(`CREATE INDEX webhook_messages_created_at_idx ON webhook_messages (created_at)`);
    await db.query(
      `CREATE INDEX webhook_messages_pending_idx ON webhook_messages (endpoint_id, id) WHERE delivered_at IS NULL AND given_up_at IS NULL`,
    );

    await db.query(`
      CREATE TABLE webhook_deliveries (
        id          uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid         NOT NULL,
        message_id  bigint       NOT NULL,
        attempt     int          NOT NULL,
        status_code int,
        ok          boolean      NOT NULL,
        duration_ms int          NOT NULL,
        error       varchar(500),
        created_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_endpoint_id_fkey FOREIGN KEY (endpoint_id)
          REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_message_id_fkey FOREIGN KEY (message_id)
          REFERENCES webhook_messages (id) ON DELETE CASCADE
      )`);
    // The log of one endpoint, newest first (read backwards).
    await db.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at, id)`);
    await db.query(`CREATE INDEX webhook_deliveries_message_id_idx ON webhook_deliveries (message_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_messages`);
    await db.query(`DROP TABLE webhook_endpoints`);
  }
}
