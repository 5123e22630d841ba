import type { Role } from './role';
import type { UserStatus } from './user';

/** The envelope of every paged list. `page` is 1-based. */
export interface Page<T> {
  items: T[];
  /** Exact unless `totalExact` is false: then at least this many match (show "10,000+"). */
  total: number;
  /** False when a search matches more than `COUNT_LIMIT` items and `total` is that limit. */
  totalExact?: boolean;
  page: number;
  pageSize: number;
}

export const USER_SORT_FIELDS = ['email', 'name', 'role', 'createdAt', 'lastSignInAt', 'status'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
/** A sort field, optionally prefixed with `-` for descending order. */
export type UserSort = UserSortField | `-${UserSortField}`;

export const DEFAULT_PAGE_SIZE = 25;
/** Beyond this many matches a list reports `total: COUNT_LIMIT, totalExact: false`. */
export const COUNT_LIMIT = 10_000;
export const MAX_PAGE_SIZE = 100;

export interface UserListQuery {
  page?: number;
  pageSize?: number;
  search?: string;
  role?: Role;
  status?: UserStatus;
  sort?: UserSort;
}
