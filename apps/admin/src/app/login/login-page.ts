import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { Router } from '@angular/router';
import type { AuthConfigResponse } from '@vip/shared-dto';
import { AuthStore } from '../core/auth-store';
import { errorMessage } from '../core/notifier';
import { skipAuth } from '../core/skip-auth';
import { signInErrorMessage } from './sign-in-errors';

@Component({
  selector: 'vip-login-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatIcon,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** `?error=<code>` from the OAuth callback. */
  readonly error = input<string>();
  /** `?email=` of a shared sign-in link: Google preselects that account. */
  readonly email = input<string>();
  /** `?session=ended`: the server ended the session (signed out elsewhere, or disabled). */
  readonly session = input<string>();

  protected readonly googleUrl = computed(() => {
    const email = this.email()?.trim();
    return email
      ? `/api/auth/google?login_hint=${encodeURIComponent(email)}`
      : '/api/auth/google';
  });
  protected readonly sessionEnded = computed(
    () => this.session() === 'ended' && !this.error(),
  );

  protected readonly config = httpResource<AuthConfigResponse>(() => ({
    url: '/api/auth/config',
    context: skipAuth(),
  }));
  protected readonly googleEnabled = computed(
    () => this.config.hasValue() && this.config.value().google,
  );
  protected readonly devLoginEnabled = computed(
    () => this.config.hasValue() && this.config.value().devLogin,
  );
  protected readonly callbackError = computed(() =>
    signInErrorMessage(this.error()),
  );

  protected readonly devForm = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    name: ['', Validators.required],
  });
  protected readonly devSubmitting = signal(false);

  constructor() {
    effect(() => {
      const email = this.email()?.trim();
      if (email) untracked(() => this.devForm.controls.email.setValue(email));
    });
  }

  protected readonly devError = signal<string | null>(null);

  protected devSignIn(): void {
    if (this.devForm.invalid) {
      this.devForm.markAllAsTouched();
      return;
    }
    this.devSubmitting.set(true);
    this.devError.set(null);
    this.auth.devLogin(this.devForm.getRawValue()).subscribe({
      next: () => void this.router.navigateByUrl('/'),
      error: (error: unknown) => {
        this.devSubmitting.set(false);
        this.devError.set(errorMessage(error));
      },
    });
  }
}
