import { JwtService } from '@nestjs/jwt';
import { type AppConfig } from '../config/app-config';
import { AccessTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const USER = '5b1f7f0e-0d6c-4b7e-9d0a-2f1e3c4d5e6f';
const SESSION = '9c2a1b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

describe('AccessTokens', () => {
  const jwt = new JwtService({ secret: SECRET });
  const config = { jwtAccessTtl: 60 } as AppConfig;
  let now: jest.SpyInstance<number, []>;
  beforeEach(() => (now = jest.spyOn(Date, 'now')));
  afterEach(() => now.mockRestore());

  it('answers for a valid token, again and again, until it expires; then never again', () => {
    const tokens = new AccessTokens(jwt, config);
    const token = tokens.sign(USER, SESSION);
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionId: SESSION });
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionId: SESSION });
    now.mockReturnValue(Date.now() + 61_000);
    expect(tokens.verify(token)).toBeUndefined();
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token that is forged, altered, unsigned or without an expiry', () => {
    const tokens = new AccessTokens(jwt, config);
    const token = tokens.sign(USER, SESSION);
    const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-012345' }).sign(
      { sid: SESSION },
      { subject: USER, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 60 },
    );
    const lastChar = token.at(-1) === 'A' ? 'B' : 'A';
    const noExpiry = jwt.sign({ sid: SESSION }, { subject: USER, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    const apiToken = `vipc_${'A'.repeat(43)}`;
    for (const bad of [
      forged,
      token.slice(0, -1) + lastChar,
      `${token.split('.').slice(0, 2).join('.')}.`,
      noExpiry,
      apiToken,
      '',
    ])
      expect(tokens.verify(bad)).toBeUndefined();
    // The valid token still verifies: a refusal remembers nothing.
    expect(tokens.verify(token)).toEqual({ userId: USER, sessionId: SESSION });
  });

  it('remembers a bounded number of tokens, and still verifies those it forgot', () => {
    class SmallCache extends AccessTokens {
      protected override readonly capacity = 3;
    }
    const tokens = new SmallCache(jwt, config);
    const sign = (n: number) =>
      jwt.sign({ sid: SESSION, n }, { subject: USER, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 60 });
    const first = sign(0);
    tokens.verify(first);
    const verifyAnew = jest.spyOn(tokens as unknown as { verifyAnew(t: string): unknown }, 'verifyAnew');
    tokens.verify(first);
    expect(verifyAnew).not.toHaveBeenCalled();
    for (let n = 1; n <= 3; n++) tokens.verify(sign(n));
    expect((tokens as unknown as { verified: Map<string, unknown> }).verified.size).toBe(3);
    verifyAnew.mockClear();
    expect(tokens.verify(first)).toEqual({ userId: USER, sessionId: SESSION });
    expect(verifyAnew).toHaveBeenCalledTimes(1);
  });
});
