import { retryDelay } from './webhook-worker';

describe('retryDelay', () => {
  const defaults = { retryBaseMs: 5000, retryMaxMs: 3_600_000 };

  it('retries soon at first: the third attempt comes within a minute even when both earlier ones time out', () => {
    const timeout = 10_000;
    const third = timeout + retryDelay(1, defaults) + timeout + retryDelay(2, defaults);
    expect(third).toBeLessThan(60_000);
  });

  it('grows the gaps, never beyond an hour, and tries for a day', () => {
    const gaps = Array.from({ length: 40 }, (_, i) => retryDelay(i + 1, defaults));
    expect(gaps.slice(0, 5)).toEqual([5000, 25_000, 125_000, 625_000, 3_125_000]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]);
    expect(Math.max(...gaps)).toBe(3_600_000);
    expect(gaps.reduce((sum, gap) => sum + gap, 0)).toBeGreaterThan(86_400_000);
  });
});
