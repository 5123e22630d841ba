import { randomUUID } from 'node:crypto';

/** A person at the fake Google. */
export interface FakeIdentity {
  sub: string;
  email: string;
  name: string;
  picture?: string;
  email_verified?: boolean | string;
  /** Google Workspace domain (`hd` claim). */
  hd?: string;
  /** Plays a person who refuses consent. */
  deny?: boolean;
}

let sequence = 0;

/** A fresh, distinct Google identity; override what the test is about. */
export function aGoogleIdentity(overrides: Partial<FakeIdentity> = {}): FakeIdentity {
  sequence += 1;
  const id = `${sequence}-${randomUUID().slice(0, 8)}`;
  return {
    sub: `google-${id}`,
    email: `person-${id}@example.com`,
    name: `Person ${id}`,
    picture: `https://lh3.googleusercontent.com/a/${id}`,
    ...overrides,
  };
}

/** The `login_hint` that makes the fake Google sign this person in. */
export function encodeIdentity(identity: FakeIdentity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}
