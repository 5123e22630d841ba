import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/**
 * Where a load stands, said the same way everywhere: failed (with the reason and a Retry
 * button), loading, or done with nothing to show.
 */
@Component({
  selector: 'vip-load-state',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as reason) {
      <div class="failed" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon>
        <p>{{ failed() }} {{ reason }}</p>
        <button mat-stroked-button type="button" (click)="retry.emit()">
          Retry
        </button>
      </div>
    } @else if (loading()) {
      <span role="status">{{ loadingText() }}</span>
    } @else {
      {{ empty() }}
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .failed {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p {
      flex: 1 1 200px;
      margin: 0;
    }
  `,
})
export class LoadState {
  /** Why the load failed, or `null`. */
  readonly error = input<string | null>(null);
  /** What could not be loaded, as a sentence put before the reason. */
  readonly failed = input('');
  readonly loading = input(false, { transform: booleanAttribute });
  readonly loadingText = input('Loading…');
  /** What to say when the load brought nothing. */
  readonly empty = input('');
  readonly retry = output();
}
