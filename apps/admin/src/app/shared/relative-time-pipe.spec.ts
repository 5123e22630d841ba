import { relativeTime, RelativeTimePipe } from './relative-time-pipe';

describe('relativeTime', () => {
  const now = Date.parse('2025-06-15T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says "never" for a missing time', () => {
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime(undefined, now)).toBe('never');
  });

  it('says "just now" for the last few seconds', () => {
    expect(relativeTime(ago(5), now)).toBe('just now');
    expect(relativeTime(ago(-5), now)).toBe('just now');
  });

  it.each([
    [90, '2 minutes ago'],
    [60 * 60, '1 hour ago'],
    [5 * 3600, '5 hours ago'],
    [24 * 3600, 'yesterday'],
    [3 * 24 * 3600, '3 days ago'],
    [14 * 24 * 3600, '2 weeks ago'],
    [90 * 24 * 3600, '3 months ago'],
    [800 * 24 * 3600, '2 years ago'],
  ])('puts %i seconds ago as "%s"', (seconds, expected) => {
    expect(relativeTime(ago(seconds), now)).toBe(expected);
  });

  it('speaks of the future too', () => {
    expect(relativeTime(ago(-3 * 3600), now)).toBe('in 3 hours');
  });

  it('is what the pipe shows', () => {
    expect(new RelativeTimePipe().transform(ago(3 * 24 * 3600), now)).toBe(
      '3 days ago',
    );
    expect(new RelativeTimePipe().transform(null)).toBe('never');
  });
});
