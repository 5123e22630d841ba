import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users lists that stay fast at a million people (README, "Lists at scale"):
 * - every sort, in both directions, with or without a role filter, reads one B-tree in
 *   order (forward or backward), so a page never sorts the table;
 * - `user_counts` keeps the number of people per role, maintained by triggers in the
 *   same transaction as the change, so totals never count the table;
 * - searches of one or two characters match the start of a word, through `search_prefixes`
 *   (the words' one- and two-character starts, kept by a trigger) and its GIN index;
 *   three characters and more use the trigram indexes.
 */
export class ListsAtScale1796140000000 implements MigrationInterface {
  name = 'ListsAtScale1796140000000';

  async up(db: QueryRunner): Promise<void> {
    // "Never signed in" sorts as the earliest time: first ascending, last descending, so
    // one index read forward or backward serves both directions.
    await db.query(`DROP INDEX users_last_sign_in_at_idx`);
    await db.query(`CREATE INDEX users_last_sign_in_at_idx ON users (last_sign_in_at ASC NULLS FIRST, id)`);
    // The role sort breaks ties by email (unique), so one index serves it and the role
    // filter sorted by email.
    await db.query(`DROP INDEX users_role_idx`);
    await db.query(`CREATE INDEX users_role_email_idx ON users (role, email)`);
    await db.query(`CREATE INDEX users_role_name_idx ON users (role, name, id)`);
    await db.query(`CREATE INDEX users_role_created_at_idx ON users (role, created_at, id)`);
    await db.query(`CREATE INDEX users_role_last_sign_in_at_idx ON users (role, last_sign_in_at ASC NULLS FIRST, id)`);

    // The starts of words, stored: a page walking a sort index tests each row against
    // them cheaply (a tsvector lookup), and a GIN index finds them for rare fragments.
    await db.query(`
      CREATE FUNCTION user_search_prefixes(name text, email text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN array_to_tsvector(ARRAY(
        SELECT DISTINCT left(word, length)
          FROM unnest(regexp_split_to_array(
                 lower(name) || ' ' || regexp_replace(lower(email), '\\.[^.@]*$', ''), '[^[:alnum:]]+')) AS word,
               (VALUES (1), (2)) AS lengths (length)
         WHERE word <> ''))`);
    await db.query(`COMMENT ON FUNCTION user_search_prefixes(text, text) IS
      'The one- and two-character starts of the words of a name and of an email without its top-level domain, lower-cased'`);
    await db.query(`ALTER TABLE users ADD COLUMN search_prefixes tsvector`);
    await db.query(`UPDATE users SET search_prefixes = user_search_prefixes(name, email)`);
    await db.query(`ALTER TABLE users ALTER COLUMN search_prefixes SET NOT NULL`);
    await db.query(`
      CREATE FUNCTION users_search_prefixes_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_prefixes := user_search_prefixes(NEW.name, NEW.email);
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER users_search_prefixes_fill BEFORE INSERT OR UPDATE OF name, email ON users
      FOR EACH ROW EXECUTE FUNCTION users_search_prefixes_fill()`);
    await db.query(
      `CREATE INDEX users_search_prefixes_idx ON users USING gin (search_prefixes) WITH (fastupdate = off)`,
    );

    await db.query(`
      CREATE TABLE user_counts (
        role  varchar(20) PRIMARY KEY,
        count bigint      NOT NULL
      )`);
    await db.query(`
      INSERT INTO user_counts (role, count)
      SELECT role, (SELECT count(*) FROM users WHERE users.role = roles.role)
        FROM (VALUES ('administrator'), ('coordinator'), ('driver')) AS roles (role)`);
    // Statement triggers with transition tables: one upsert per statement, whatever the
    // number of rows; rows are taken in role order so concurrent writers lock alike.
    await db.query(`
      CREATE FUNCTION user_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE user_counts SET count = 0;
          RETURN NULL;
        END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO user_counts AS counts (role, count)
          SELECT role, count(*) FROM added GROUP BY role ORDER BY role
          ON CONFLICT (role) DO UPDATE SET count = counts.count + excluded.count;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE user_counts AS counts SET count = counts.count - gone.count
            FROM (SELECT role, count(*) AS count FROM removed GROUP BY role ORDER BY role) AS gone
           WHERE counts.role = gone.role;
        ELSE
          INSERT INTO user_counts AS counts (role, count)
          SELECT role, sum(delta)
            FROM (SELECT role, 1 AS delta FROM added UNION ALL SELECT role, -1 FROM removed) AS changes
           GROUP BY role
          HAVING sum(delta) <> 0
           ORDER BY role
          ON CONFLICT (role) DO UPDATE SET count = counts.count + excluded.count;
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER user_counts_insert AFTER INSERT ON users
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION user_counts_track()`);
    await db.query(`
      CREATE TRIGGER user_counts_update AFTER UPDATE ON users
      REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION user_counts_track()`);
    await db.query(`
      CREATE TRIGGER user_counts_delete AFTER DELETE ON users
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION user_counts_track()`);
    await db.query(
      `CREATE TRIGGER user_counts_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION user_counts_track()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER user_counts_truncate ON users`);
    await db.query(`DROP TRIGGER user_counts_delete ON users`);
    await db.query(`DROP TRIGGER user_counts_update ON users`);
    await db.query(`DROP TRIGGER user_counts_insert ON users`);
    await db.query(`DROP FUNCTION user_counts_track()`);
    await db.query(`DROP TABLE user_counts`);
    await db.query(`DROP TRIGGER users_search_prefixes_fill ON users`);
    await db.query(`DROP FUNCTION users_search_prefixes_fill()`);
    await db.query(`ALTER TABLE users DROP COLUMN search_prefixes`);
    await db.query(`DROP FUNCTION user_search_prefixes(text, text)`);
    await db.query(`DROP INDEX users_role_last_sign_in_at_idx`);
    await db.query(`DROP INDEX users_role_created_at_idx`);
    await db.query(`DROP INDEX users_role_name_idx`);
    await db.query(`DROP INDEX users_role_email_idx`);
    await db.query(`CREATE INDEX users_role_idx ON users (role, id)`);
    await db.query(`DROP INDEX users_last_sign_in_at_idx`);
    await db.query(`CREATE INDEX users_last_sign_in_at_idx ON users (last_sign_in_at, id)`);
  }
}
