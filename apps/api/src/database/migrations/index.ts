import { CreateUsersAndSessions1764180000000 } from './1764180000000-create-users-and-sessions';

/** Every migration, oldest first. Append-only: never edit one that has been merged. */
export const migrations = [CreateUsersAndSessions1764180000000];
