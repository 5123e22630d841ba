import type { HttpInterceptorFn } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { finalize } from 'rxjs';

/** Counts HTTP requests in flight so the shell can show one progress bar for all of them. */
@Injectable({ providedIn: 'root' })
export class LoadingState {
  private readonly pending = signal(0);
  readonly busy = computed(() => this.pending() > 0);

  begin(): void {
    this.pending.update((n) => n + 1);
  }

  end(): void {
    this.pending.update((n) => Math.max(0, n - 1));
  }
}

export const loadingInterceptor: HttpInterceptorFn = (req, next) => {
  const loading = inject(LoadingState);
  loading.begin();
  return next(req).pipe(finalize(() => loading.end()));
};
