import { Role, UserStatus } from '@vip/shared-dto';
import { BroadSearches } from './broad-searches';

describe('BroadSearches', () => {
  let now: jest.SpyInstance<number, []>;
  beforeEach(() => (now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000)));
  afterEach(() => now.mockRestore());

  it('remembers a search for its time, whatever its case, then forgets it', () => {
    const broad = new BroadSearches(60_000);
    expect(broad.has({ search: 'North' })).toBe(false);
    broad.remember({ search: 'North' });
    expect(broad.has({ search: 'north' })).toBe(true);
    now.mockReturnValue(1_059_999);
    expect(broad.has({ search: 'NORTH' })).toBe(true);
    now.mockReturnValue(1_060_000);
    expect(broad.has({ search: 'north' })).toBe(false);
  });

  it('tells searches apart by their role and status filters', () => {
    const broad = new BroadSearches();
    broad.remember({ search: 'north', role: Role.Driver });
    expect(broad.has({ search: 'north', role: Role.Driver })).toBe(true);
    expect(broad.has({ search: 'north' })).toBe(false);
    expect(broad.has({ search: 'north', role: Role.Driver, status: UserStatus.Active })).toBe(false);
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const broad = new BroadSearches(60_000, 2);
    for (const search of ['one', 'two', 'three']) broad.remember({ search });
    expect([broad.has({ search: 'one' }), broad.has({ search: 'two' }), broad.has({ search: 'three' })]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
