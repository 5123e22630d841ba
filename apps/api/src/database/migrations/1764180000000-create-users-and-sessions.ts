import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndSessions1764180000000 implements MigrationInterface {
  name = 'CreateUsersAndSessions1764180000000';

  async up(db: QueryRunner): Promise<void> {
    // Trigram indexes make the users search (`%term%`, case-insensitive) an index scan.
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE users (
        id               uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
        email            varchar(320) NOT NULL,
        name             varchar(255) NOT NULL,
        picture          text,
        role             varchar(20)  NOT NULL DEFAULT 'coordinator',
        provider         varchar(50)  NOT NULL DEFAULT 'google',
        provider_subject varchar(255) NOT NULL,
        created_at       timestamptz  NOT NULL DEFAULT now(),
        updated_at       timestamptz  NOT NULL DEFAULT now(),
        last_sign_in_at  timestamptz,
        CONSTRAINT users_role_check CHECK (role IN ('administrator', 'coordinator', 'driver')),
        -- Emails are stored lower-cased, so one plain unique index makes them unique
        -- case-insensitively and also serves equality lookups and sorting.
        CONSTRAINT users_email_lower_check CHECK (email = lower(email)),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_provider_subject_key UNIQUE (provider, provider_subject)
      )`);
    await db.query(`CREATE INDEX users_name_idx ON users (name, id)`);
    await db.query(`CREATE INDEX users_role_idx ON users (role, id)`);
    await db.query(`CREATE INDEX users_created_at_idx ON users (created_at, id)`);
    await db.query(`CREATE INDEX users_last_sign_in_at_idx ON users (last_sign_in_at, id)`);
    // fastupdate off: sign-ups are rare, and a long GIN pending list would make the
    // planner (PostgreSQL 18 in particular) fall back to a sequential scan.
    await db.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops) WITH (fastupdate = off)`);
    await db.query(`CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops) WITH (fastupdate = off)`);

    await db.query(`
      CREATE TABLE sessions (
        id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash   char(64)    NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        user_agent   varchar(512),
        ip           varchar(64)
      )`);
    await db.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await db.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);

    // Pending Google sign-ins: the `state` handle (hashed) and its PKCE verifier.
    await db.query(`
      CREATE TABLE oauth_states (
        state_hash    char(64)    PRIMARY KEY,
        code_verifier varchar(128) NOT NULL,
        expires_at    timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_states`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE users`);
    // pg_trgm stays: other objects of the database may use it.
  }
}
