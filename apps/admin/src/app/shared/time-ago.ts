import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTooltip } from '@angular/material/tooltip';
import { RelativeTimePipe } from './relative-time-pipe';

/** A moment as people read it ("3 days ago"), with the exact time on hover and for machines. */
@Component({
  selector: 'vip-time-ago',
  imports: [DatePipe, MatTooltip, RelativeTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time
    [attr.datetime]="at()"
    [matTooltip]="at() | date: 'medium'"
    >{{ at() | relativeTime }}</time
  >`,
})
export class TimeAgo {
  /** ISO-8601 time. */
  readonly at = input.required<string>();
}
