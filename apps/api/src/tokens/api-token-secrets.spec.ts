import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { ApiTokenSecrets } from './api-token-secrets';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof crypto>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('ApiTokenSecrets', () => {
  const secrets = new ApiTokenSecrets();
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('makes vipc_ secrets of 256 random bits, their 12-character prefix and SHA-256 hash', () => {
    const made = secrets.generate();
    expect(made.secret).toMatch(/^vipc_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.secret.slice(0, 12));
    expect(made.hash).toBe(sha256(made.secret));
    expect(secrets.generate().secret).not.toBe(made.secret);
  });

  it('recognises its own tokens by prefix only', () => {
    expect(ApiTokenSecrets.claims('vipc_anything')).toBe(true);
    expect(ApiTokenSecrets.claims('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  it('hashes a well-formed secret and refuses anything else without hashing', () => {
    const { secret, hash } = secrets.generate();
    expect(secrets.hashOf(secret)).toBe(hash);
    for (const bad of [
      secret.slice(0, -1),
      `${secret}A`,
      `vipx_${secret.slice(5)}`,
      `${secret.slice(0, 20)} ${secret.slice(21)}`,
      'vipc_',
    ])
      expect(secrets.hashOf(bad)).toBeUndefined();
  });

  it('compares hashes with timingSafeEqual, also when nothing was found', () => {
    const compare = jest.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    const { hash } = secrets.generate();
    const other = secrets.generate().hash;
    expect(secrets.matches(hash, hash)).toBe(true);
    expect(secrets.matches(other, hash)).toBe(false);
    expect(secrets.matches(undefined, hash)).toBe(false);
    // All zeroes stands in for a miss: even that hash presented matches nothing.
    expect(secrets.matches(undefined, '0'.repeat(64))).toBe(false);
    expect(compare).toHaveBeenCalledTimes(4);
  });
});
