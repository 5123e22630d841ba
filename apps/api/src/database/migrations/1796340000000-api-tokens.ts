import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens (README, "API tokens"): service credentials stored only as a SHA-256 hash,
 * and the audit trail's record of which token acted.
 */
export class ApiTokens1796340000000 implements MigrationInterface {
  name = 'ApiTokens1796340000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_tokens (
        id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
        name         varchar(100) NOT NULL,
        prefix       varchar(12)  NOT NULL,
        token_hash   char(64)     NOT NULL,
        scopes       text[]       NOT NULL,
        created_by   uuid         REFERENCES users (id) ON DELETE SET NULL,
        created_at   timestamptz  NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at   timestamptz,
        revoked_at   timestamptz,
        CONSTRAINT api_tokens_scopes_check
          CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['users:read', 'users:write', 'audit:read']::text[])
      )`);
    // Every authenticated request with a token finds it by its hash.
    await db.query(`CREATE UNIQUE INDEX api_tokens_token_hash_idx ON api_tokens (token_hash)`);
    await db.query(`CREATE INDEX api_tokens_created_at_idx ON api_tokens (created_at, id)`);
    await db.query(`CREATE INDEX api_tokens_created_by_idx ON api_tokens (created_by)`);

    // No foreign key: events outlive the tokens (and people) they name. Adding nullable
    // columns without a default rewrites nothing.
    await db.query(`ALTER TABLE audit_events ADD COLUMN actor_token_id uuid`);
    await db.query(`ALTER TABLE audit_events ADD COLUMN actor_token_name varchar(100)`);
    await db.query(`ALTER TABLE audit_events ADD COLUMN actor_token_prefix varchar(12)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_events DROP COLUMN actor_token_prefix`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN actor_token_name`);
    await db.query(`ALTER TABLE audit_events DROP COLUMN actor_token_id`);
    await db.query(`DROP TABLE api_tokens`);
  }
}
