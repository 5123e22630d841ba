import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trigger function, counting per `keys` (`role` or `role, status`). */
const trackFunction = (keys: string) => `
  CREATE OR REPLACE FUNCTION user_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      UPDATE user_counts SET count = 0;
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      INSERT INTO user_counts AS counts (${keys}, count)
      SELECT ${keys}, count(*) FROM added GROUP BY ${keys} ORDER BY ${keys}
      ON CONFLICT (${keys}) DO UPDATE SET count = counts.count + excluded.count;
    ELSIF TG_OP = 'DELETE' THEN
      UPDATE user_counts AS counts SET count = counts.count - gone.count
        FROM (SELECT ${keys}, count(*) AS count FROM removed GROUP BY ${keys} ORDER BY ${keys}) AS gone
       WHERE ${keys
         .split(', ')
         .map((key) => `counts.${key} = gone.${key}`)
         .join(' AND ')};
    ELSE
      INSERT INTO user_counts AS counts (${keys}, count)
      SELECT ${keys}, sum(delta)
        FROM (SELECT ${keys}, 1 AS delta FROM added UNION ALL SELECT ${keys}, -1 FROM removed) AS changes
       GROUP BY ${keys}
      HAVING sum(delta) <> 0
       ORDER BY ${keys}
      ON CONFLICT (${keys}) DO UPDATE SET count = counts.count + excluded.count;
    END IF;
    RETURN NULL;
  END
  $$`;

/**
 * `user_counts` per role and status (it was per role): a status filter (`?status=active`,
 * most people) gets an exact total without counting rows, like a role filter. Same
 * statement triggers; rows are taken in (role, status) order so writers lock alike.
 */
export class UserCountsByStatus1796310000000 implements MigrationInterface {
  name = 'UserCountsByStatus1796310000000';

  async up(db: QueryRunner): Promise<void> {
    // No change to users may slip between the recount and the new trigger function.
    await db.query(`LOCK TABLE users IN SHARE MODE`);
    await db.query(`ALTER TABLE user_counts ADD status varchar(20) NOT NULL DEFAULT 'active'`);
    await db.query(`ALTER TABLE user_counts ALTER COLUMN status DROP DEFAULT`);
    await db.query(`ALTER TABLE user_counts DROP CONSTRAINT user_counts_pkey`);
    await db.query(`DELETE FROM user_counts`);
    await db.query(`
      INSERT INTO user_counts (role, status, count)
      SELECT role, status, count(*) FROM users GROUP BY role, status`);
    await db.query(`ALTER TABLE user_counts ADD CONSTRAINT user_counts_pkey PRIMARY KEY (role, status)`);
    await db.query(trackFunction('role, status'));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`LOCK TABLE users IN SHARE MODE`);
    await db.query(`ALTER TABLE user_counts DROP CONSTRAINT user_counts_pkey`);
    await db.query(`DELETE FROM user_counts`);
    await db.query(`ALTER TABLE user_counts DROP COLUMN status`);
    await db.query(`
      INSERT INTO user_counts (role, count)
      SELECT role, (SELECT count(*) FROM users WHERE users.role = roles.role)
        FROM (VALUES ('administrator'), ('coordinator'), ('driver')) AS roles (role)`);
    await db.query(`ALTER TABLE user_counts ADD CONSTRAINT user_counts_pkey PRIMARY KEY (role)`);
    await db.query(trackFunction('role'));
  }
}
