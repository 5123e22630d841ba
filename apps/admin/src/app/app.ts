import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterOutlet } from '@angular/router';
import { LoadingState } from './core/loading';

@Component({
  selector: 'vip-root',
  imports: [RouterOutlet, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading.busy()) {
      <mat-progress-bar
        class="app-progress"
        mode="indeterminate"
        aria-label="Loading"
      />
    }
    <router-outlet />
  `,
  styles: `
    .app-progress {
      position: fixed;
      inset: 0 0 auto 0;
      z-index: 1000;
    }
  `,
})
export class App {
  protected readonly loading = inject(LoadingState);
}
