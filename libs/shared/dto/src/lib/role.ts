/** The three kinds of people who use VIP Coordinator. */
export const Role = {
  Administrator: 'administrator',
  Coordinator: 'coordinator',
  Driver: 'driver',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
