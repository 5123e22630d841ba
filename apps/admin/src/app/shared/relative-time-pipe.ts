import type { PipeTransform } from '@angular/core';
import { Pipe } from '@angular/core';

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "3 days ago", "in 2 hours", "just now"; "never" for a missing time.
 * Pure: the text is fixed when the value arrives, which is what a list of people needs.
 */
export function relativeTime(
  value: string | Date | null | undefined,
  now: number = Date.now(),
): string {
  if (value === null || value === undefined || value === '') return 'never';
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const sign = Math.sign(seconds);
  const elapsed = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    // Round the magnitude so that the past and the future round alike.
    if (elapsed >= size)
      return format.format(sign * Math.round(elapsed / size), unit);
  }
  return format.format(sign, 'minute');
}

@Pipe({ name: 'relativeTime' })
export class RelativeTimePipe implements PipeTransform {
  transform(value: string | Date | null | undefined, now?: number): string {
    return relativeTime(value, now);
  }
}
