import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { UserStatus } from '@vip/shared-dto';
import { AuthStore } from '../core/auth-store';
import { errorMessage } from '../core/notifier';

/** What a person who signed up under the `approval` policy sees until an administrator decides. */
@Component({
  selector: 'vip-waiting-page',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Waiting for approval</h1>
    @if (user(); as user) {
      <p>
        You are signed in as {{ user.name }} ({{ user.email }}), but your
        account is not active yet.
      </p>
    }
    <p>
      An administrator of VIP Coordinator must approve your account and choose
      your role. If you are expected, ask one of your administrators to approve
      you under Access requests; then check again or reload this page.
    </p>
    @if (stillWaiting()) {
      <p role="status">Your account still waits for approval.</p>
    }
    @if (failure(); as message) {
      <p role="alert">{{ message }}</p>
    }
    <div class="buttons">
      <button mat-flat-button type="button" (click)="check()">
        Check again
      </button>
      <button mat-button type="button" (click)="signOut()">Sign out</button>
    </div>
  `,
  styles: `
    :host {
      display: block;
      max-width: 640px;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class WaitingPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly user = this.auth.user;
  protected readonly stillWaiting = signal(false);
  protected readonly failure = signal<string | null>(null);

  /** A fresh access token carries the account as it is now. */
  protected check(): void {
    this.failure.set(null);
    this.auth.refresh().subscribe({
      next: (session) => {
        if (!session) return this.auth.endSession(true);
        if (session.user.status === UserStatus.Pending)
          this.stillWaiting.set(true);
        // The root redirects to where the approved person starts.
        else void this.router.navigateByUrl('/');
      },
      error: (error: unknown) => this.failure.set(errorMessage(error)),
    });
  }

  protected signOut(): void {
    this.auth.signOut();
  }
}
