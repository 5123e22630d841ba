// A local OAuth 2.0 server standing in for Google in tests (oauth2-mock-server): the
// API goes through the real redirect, state, PKCE, code exchange and userinfo call.
//
// Which person signs in is chosen per sign-in: by `login_hint` (base64url JSON of an
// identity, passed through by `GET /api/auth/google?login_hint=…`) or, for browser
// tests that click the real button, by `POST /__next-identity` beforehand.
// An identity may say `deny: true` to play a person who refuses consent.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

export async function startFakeGoogle() {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  const service = new OAuth2Service(issuer);
  const byCode = new Map();
  const byAccessToken = new Map();
  const nextIdentities = [];

  service.on('beforeAuthorizeRedirect', (redirect, req) => {
    const hint = new URL(req.url, 'http://fake').searchParams.get('login_hint');
    let identity;
    try {
      identity = hint ? JSON.parse(Buffer.from(hint, 'base64url').toString('utf8')) : nextIdentities.shift();
    } catch {
      identity = undefined;
    }
    identity ??= {
      sub: 'default-subject',
      email: 'default@example.com',
      name: 'Default Person',
    };
    if (identity.deny) {
      redirect.url.searchParams.delete('code');
      redirect.url.searchParams.set('error', 'access_denied');
      return;
    }
    byCode.set(redirect.url.searchParams.get('code'), identity);
  });
  // Tokens minted in the same second would otherwise be identical (and mix people up).
  service.on('beforeTokenSigning', (token) => {
    token.payload.jti = randomUUID();
  });
  service.on('beforeResponse', (response, req) => {
    const identity = byCode.get(req.body?.code);
    if (identity && response.body.access_token) {
      byCode.delete(req.body.code);
      byAccessToken.set(response.body.access_token, identity);
    }
  });
  service.on('beforeUserinfo', (response, req) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const identity = byAccessToken.get(token);
    if (!identity) {
      response.statusCode = 401;
      response.body = { error: 'invalid_token' };
      return;
    }
    response.body = {
      sub: identity.sub,
      email: identity.email,
      email_verified: identity.email_verified ?? true,
      name: identity.name,
      picture: identity.picture,
      ...(identity.hd ? { hd: identity.hd } : {}),
    };
  });

  const handler = service.requestHandler;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/__next-identity') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        nextIdentities.push(JSON.parse(body));
        res.writeHead(204).end();
      });
      return;
    }
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  issuer.url = url;
  return {
    url,
    env: {
      GOOGLE_CLIENT_ID: 'vip-test-client',
      GOOGLE_CLIENT_SECRET: 'vip-test-secret',
      GOOGLE_AUTHORIZATION_URL: `${url}/authorize`,
      GOOGLE_TOKEN_URL: `${url}/token`,
      GOOGLE_USERINFO_URL: `${url}/userinfo`,
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
