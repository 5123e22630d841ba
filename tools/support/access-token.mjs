// Access tokens for the scripts that drive a running API (bench, faults).
import jwt from 'jsonwebtoken';
import { createHash, randomBytes } from 'node:crypto';

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

/**
 * An API token (`vipc_…`) of `userId`, an administrator, as `POST /api/tokens` makes them
 * (apps/api/src/tokens/api-token-secrets.ts): only its SHA-256 is stored.
 */
export async function apiToken(db, userId, scopes = ['users:read']) {
  const secret = `vipc_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `INSERT INTO api_tokens (name, prefix, token_hash, scopes, created_by) VALUES ('bench', $1, $2, $3, $4)`,
    [secret.slice(0, 12), createHash('sha256').update(secret).digest('hex'), scopes, userId],
  );
  return secret;
}
