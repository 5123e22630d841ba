import type { UserListCriteria } from './user-list.sql';

/** How long "this search matches more than COUNT_LIMIT people" is taken as true. */
const REMEMBER_MS = 60_000;
const CAPACITY = 1_000;

/**
 * Searches known to match more than `COUNT_LIMIT` people, remembered for a minute by
 * this instance. Their total is "10,000+" anyway, and counting to 10,001 through the
 * search indexes costs a million-person table 50–200 ms; so within the minute the count
 * is skipped, and the page walks the sort order instead (`WALK_SORT_ORDER`). A search that
 * shrank below the limit within the minute still shows "10,000+" until then.
 */
export class BroadSearches {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly rememberMs = REMEMBER_MS,
    private readonly capacity = CAPACITY,
  ) {}

  has(criteria: SearchCriteria): boolean {
    const key = keyOf(criteria);
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.until.delete(key);
    return false;
  }

  remember(criteria: SearchCriteria): void {
    const key = keyOf(criteria);
    this.until.delete(key);
    if (this.until.size >= this.capacity) {
      const oldest = this.until.keys().next();
      if (!oldest.done) this.until.delete(oldest.value);
    }
    this.until.set(key, Date.now() + this.rememberMs);
  }
}

type SearchCriteria = Pick<UserListCriteria, 'search' | 'role' | 'status'>;

/** The same people match whatever the page, size or sort. */
function keyOf({ search, role, status }: SearchCriteria): string {
  return JSON.stringify([search?.toLowerCase() ?? '', role ?? '', status ?? '']);
}
