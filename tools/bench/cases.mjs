// What is measured: one entry per row of the table. `path` is relative to the API.
import { COMMON_FRAGMENT, ONE_LETTER_FRAGMENT, RARE_FRAGMENT } from './seed.mjs';

export const SORT_FIELDS = ['email', 'name', 'role', 'createdAt', 'lastSignInAt'];

/** The hot path, measured against the bare server in interleaved rounds. */
export function hotPathCase(facts) {
  return {
    name: 'GET /api/auth/users/:email',
    path: `/api/auth/users/${encodeURIComponent(facts.someoneEmail)}`,
    connections: 32,
  };
}

/** Every other request, 10 connections each. */
export function listCases(facts, { withStatus }) {
  const cases = [];
  const add = (name, path) => cases.push({ name, path, connections: 10 });
  for (const field of SORT_FIELDS) {
    for (const sort of [field, `-${field}`]) {
      add(`users sort=${sort}`, `/api/auth/users?sort=${sort}`);
      add(`users sort=${sort}&page=200`, `/api/auth/users?sort=${sort}&page=200`);
    }
  }
  add(`users search=${RARE_FRAGMENT} (rare)`, `/api/auth/users?search=${RARE_FRAGMENT}`);
  add(`users search=${COMMON_FRAGMENT} (about 10 %)`, `/api/auth/users?search=${COMMON_FRAGMENT}`);
  add(`users search=${ONE_LETTER_FRAGMENT} (one letter)`, `/api/auth/users?search=${ONE_LETTER_FRAGMENT}`);
  add('users role=coordinator&sort=name&page=100', '/api/auth/users?role=coordinator&sort=name&page=100');
  if (withStatus)
    add(
      'users status=disabled&sort=-lastSignInAt&page=10',
      '/api/auth/users?status=disabled&sort=-lastSignInAt&page=10',
    );
  add('audit log, first page', '/api/audit-events');
  add('audit log action=user.role_changed', '/api/audit-events?action=user.role_changed');
  add(
    'audit log actorEmail=<an administrator>',
    `/api/audit-events?actorEmail=${encodeURIComponent(facts.actorEmail)}`,
  );
  add(
    'audit log action=user.role_changed&actorEmail=…',
    `/api/audit-events?action=user.role_changed&actorEmail=${encodeURIComponent(facts.actorEmail)}`,
  );
  add('GET /api/auth/users/stats', '/api/auth/users/stats');
  return cases;
}
