import type { Role } from '@vip/shared-dto';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  coordinator: 'Coordinator',
  driver: 'Driver',
};

/** "Ada" out of "Ada Lovelace"; the email when there is no name. */
export function firstName(person: { name: string; email: string }): string {
  return person.name.trim().split(/\s+/)[0] || person.email;
}
