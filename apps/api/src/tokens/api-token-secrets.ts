import { Injectable } from '@nestjs/common';
import { API_TOKEN_PREFIX_LENGTH, API_TOKEN_SECRET_PREFIX } from '@vip/shared-dto';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `vipc_` and 32 random bytes in base64url: 256 bits, so one SHA-256 is a safe hash to store. */
const WELL_FORMED = /^vipc_[A-Za-z0-9_-]{43}$/;
/** Compared against when nothing was found, so a miss does the same work as a hit. */
const NOTHING = Buffer.alloc(32);

export interface NewSecret {
  secret: string;
  prefix: string;
  /** SHA-256 of the secret, hex: what the database keeps. */
  hash: string;
}

/**
 * The secrets of API tokens: made, hashed and checked. The database finds a token by its
 * hash (a unique index); the hash is then compared in constant time, never with an
 * early-exit string comparison.
 */
@Injectable()
export class ApiTokenSecrets {
  /** Looks like one of ours (the `vipc_` prefix), so the guard treats it as an API token. */
  static claims(bearer: string): boolean {
    return bearer.startsWith(API_TOKEN_SECRET_PREFIX);
  }

  generate(): NewSecret {
    const secret = `${API_TOKEN_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    return { secret, prefix: secret.slice(0, API_TOKEN_PREFIX_LENGTH), hash: this.hash(secret) };
  }

  /** The stored hash of a well-formed secret; `undefined` for anything else (no lookup needed). */
  hashOf(bearer: string): string | undefined {
    return WELL_FORMED.test(bearer) ? this.hash(bearer) : undefined;
  }

  /** Whether the stored hash (hex) is the presented one, in constant time; `undefined` stored never matches. */
  matches(stored: string | undefined, presented: string): boolean {
    const expected = Buffer.from(presented, 'hex');
    const actual = stored === undefined ? NOTHING : Buffer.from(stored, 'hex');
    const same = actual.length === expected.length && timingSafeEqual(actual, expected);
    return same && stored !== undefined;
  }

  private hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }
}
