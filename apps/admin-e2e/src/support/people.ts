/** An identity the fake Google hands out; `picture` stays unset so avatars show initials. */
export interface Person {
  sub: string;
  email: string;
  name: string;
  picture?: string;
  email_verified?: boolean;
  deny?: boolean;
}

function person(name: string, domain = 'example.com'): Person {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  return { sub: `google-${local}`, email: `${local}@${domain}`, name };
}

/**
 * The first person to sign in. Every spec signs her in before anyone else, so whichever
 * spec runs first, she is the administrator of the run's fresh database.
 */
export const ADA = person('Ada Lovelace');

/** Signs in as a coordinator; nobody changes her role or deletes her. */
export const GRACE = person('Grace Hopper', 'example.org');

/** Made a driver by the administrator spec. */
export const MARGARET = person('Margaret Hamilton');

/** Deleted by the administrator spec. */
export const CLAUDE = person('Claude Shannon', 'example.org');

/** Made drivers for the screenshots, so the table shows every role. */
export const KATHERINE = person('Katherine Johnson');
export const DOROTHY = person('Dorothy Vaughan');

/** Made a driver through the People page by the audit spec, which then finds the change. */
export const BARBARA = person('Barbara Liskov');

/** Signs in and out in the sign-out spec. */
export const HEDY = person('Hedy Lamarr', 'example.org');

/** Everyone but Ada: enough people for two pages of ten. */
export const ROSTER: readonly Person[] = [
  GRACE,
  KATHERINE,
  DOROTHY,
  person('Mary Jackson'),
  MARGARET,
  person('Alan Turing', 'example.org'),
  HEDY,
  person('Annie Easley'),
  person('Radia Perlman', 'example.org'),
  BARBARA,
  person('Frances Allen'),
  CLAUDE,
  person('Karen Spärck Jones', 'example.org'),
  person('Edsger Dijkstra'),
  person('John von Neumann', 'example.org'),
];

/** Outside drivers with personal Gmail accounts, invited by the roster the lifecycle spec imports. */
export const PAT = person('Pat Okafor', 'gmail.com');
export const SAM = person('Sam Rivera', 'gmail.com');

/** Signs up under the `approval` policy and waits in the lifecycle spec. */
export const NORA = person('Nora Ephron');

/** An administrator disabled by the lifecycle spec. */
export const OTTO = person('Otto Neurath');

/** Signed in twice by the lifecycle spec, which then signs her out everywhere else. */
export const WENDY = person('Wendy Carlos');

/** Wait for approval in the screenshots. */
export const LISE = person('Lise Meitner');
export const EMMY = person('Emmy Noether', 'example.org');
