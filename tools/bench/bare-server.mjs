// The yardstick: a bare node:http + pg server doing the same work as
// GET /api/auth/users/:email (verify the token, load the caller with their live session,
// check the role, load the user), with none of the framework; named statements, as the API uses. Used only by
// tools/bench/run.mjs; /health says it is up.
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const COLUMNS = 'id, email, name, picture, role, provider, created_at, updated_at, last_sign_in_at, status';
const toUser = (r) => ({
  id: r.id,
  email: r.email,
  name: r.name,
  picture: r.picture,
  role: r.role,
  status: r.status,
  provider: r.provider,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastSignInAt: r.last_sign_in_at ? r.last_sign_in_at.toISOString() : null,
});
const send = (res, status, body) => {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
};

createServer(async (req, res) => {
  try {
    if (req.url === '/health') return send(res, 200, { status: 'ok' });
    const match = /^\/api\/auth\/users\/([^/?]+)$/.exec(req.url);
    if (!match) return send(res, 404, { statusCode: 404 });
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    let claims;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ['HS256'],
        issuer: 'vip-coordinator',
        audience: 'vip-coordinator-api',
      });
    } catch {
      return send(res, 401, { statusCode: 401 });
    }
    const caller = (
      await pool.query({
        name: 'caller',
        text: `SELECT ${COLUMNS.split(', ')
          .map((c) => `u.${c}`)
          .join(', ')} FROM users u JOIN sessions s ON s.user_id = u.id
                WHERE u.id = $1 AND s.id = $2 AND s.expires_at > now() AND u.status <> 'disabled'`,
        values: [claims.sub, claims.sid],
      })
    ).rows[0];
    if (!caller) return send(res, 401, { statusCode: 401 });
    if (caller.role !== 'administrator') return send(res, 403, { statusCode: 403 });
    const row = (
      await pool.query({
        name: 'by_email',
        text: `SELECT ${COLUMNS} FROM users WHERE email = $1`,
        values: [decodeURIComponent(match[1]).toLowerCase()],
      })
    ).rows[0];
    return row ? send(res, 200, toUser(row)) : send(res, 404, { statusCode: 404 });
  } catch {
    send(res, 500, { statusCode: 500 });
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
