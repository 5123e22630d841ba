// Access tokens for the scripts that drive a running API (bench, faults).
import jwt from 'jsonwebtoken';

/**
 * An access token as the API signs them (apps/api/src/auth/access-tokens.ts): it names
 * the user and a live session, so a session row is made for it first.
 */
export async function accessToken(db, secret, userId) {
  const { rows } = await db.query(
    `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, repeat('0', 64), now() + interval '1 day') RETURNING id`,
    [userId],
  );
  return jwt.sign({ sid: rows[0].id }, secret, {
    subject: userId,
    issuer: 'vip-coordinator',
    audience: 'vip-coordinator-api',
    expiresIn: 3600,
    algorithm: 'HS256',
  });
}
