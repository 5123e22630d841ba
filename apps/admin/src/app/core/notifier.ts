import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ApiError } from '@vip/shared-dto';

/** The sentence to show for a failed request: the server's `message`, else a plain fallback. */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body.message === 'string' && body.message)
      return body.message;
    if (error.status === 0)
      return 'The server could not be reached. Check your connection and try again.';
    return `The request failed (${error.status} ${error.statusText || 'error'}).`;
  }
  return 'Something went wrong. Please try again.';
}

export function errorStatus(error: unknown): number | undefined {
  return error instanceof HttpErrorResponse ? error.status : undefined;
}

/** Short messages at the bottom of the screen. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  info(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 4000 });
  }

  error(message: string): void {
    this.snackBar.open(message, 'Dismiss', {
      duration: 8000,
      politeness: 'assertive',
    });
  }
}
