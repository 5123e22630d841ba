import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import {
  MatError,
  MatFormField,
  MatHint,
  MatLabel,
} from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { WebhookEventType } from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import { of } from 'rxjs';
import { errorMessage } from '../core/notifier';
import type {
  CreatedWebhook,
  UpdateWebhookRequest,
  Webhook,
} from '@vip/shared-dto';
import { WEBHOOK_EVENT_TYPES } from '@vip/shared-dto';
import { SecretReveal } from './secret-reveal';
import { EVENT_GROUPS, eventLabel } from './webhook-events';
import { WebhooksApi } from './webhooks-api';

/** The endpoint to change, or nothing to add one. */
export interface WebhookDialogData {
  webhook?: Webhook;
}

export const DESCRIPTION_MAX = 200;

/**
 * Adds an endpoint (then shows its signing secret this one time) or changes one. Closes
 * with the endpoint as saved, or with nothing (cancelled).
 */
@Component({
  selector: 'vip-webhook-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatSlideToggle,
    SecretReveal,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhook-dialog.html',
  styleUrl: './webhook-dialog.scss',
})
export class WebhookDialog {
  private readonly api = inject(WebhooksApi);
  private readonly ref =
    inject<MatDialogRef<WebhookDialog, Webhook>>(MatDialogRef);
  protected readonly editing =
    inject<WebhookDialogData | null>(MAT_DIALOG_DATA, { optional: true })
      ?.webhook ?? null;

  protected readonly groups = EVENT_GROUPS;
  protected readonly eventLabel = eventLabel;
  protected readonly descriptionMax = DESCRIPTION_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: [
      this.editing?.url ?? '',
      [Validators.required, Validators.pattern(/^https?:\/\/[^\s/]+\S*$/i)],
    ],
    description: [this.editing?.description ?? ''],
    enabled: [this.editing?.enabled ?? true],
  });
  protected readonly events = signal<ReadonlySet<WebhookEventType>>(
    new Set(this.editing?.events ?? []),
  );
  protected readonly eventsTouched = signal(false);
  protected readonly sending = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly created = signal<CreatedWebhook | null>(null);

  protected toggle(event: WebhookEventType, on: boolean): void {
    const next = new Set(this.events());
    if (on) next.add(event);
    else next.delete(event);
    this.events.set(next);
    this.eventsTouched.set(true);
  }

  protected selectAll(on: boolean): void {
    this.events.set(new Set(on ? WEBHOOK_EVENT_TYPES : []));
    this.eventsTouched.set(true);
  }

  protected noEvents(): boolean {
    return this.events().size === 0;
  }

  protected save(): void {
    if (this.form.invalid || this.noEvents()) {
      this.form.markAllAsTouched();
      this.eventsTouched.set(true);
      return;
    }
    this.sending.set(true);
    this.failure.set(null);
    this.request().subscribe({
      next: (answer) => {
        this.sending.set(false);
        if ('secret' in answer) {
          // A stray Escape or click outside must not lose the only copy of the secret.
          this.ref.disableClose = true;
          this.created.set(answer);
        } else {
          this.ref.close(answer);
        }
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.failure.set(errorMessage(error));
      },
    });
  }

  protected done(webhook: Webhook): void {
    this.ref.close(webhook);
  }

  /** Creation, or a change carrying only what differs from the endpoint as it was. */
  private request(): Observable<CreatedWebhook | Webhook> {
    const { url, description, enabled } = this.form.getRawValue();
    const events = WEBHOOK_EVENT_TYPES.filter((event) =>
      this.events().has(event),
    );
    const trimmed = description.trim();
    if (!this.editing)
      return this.api.create({
        url: url.trim(),
        events,
        ...(trimmed ? { description: trimmed } : {}),
      });
    const was = this.editing;
    const changes: UpdateWebhookRequest = {};
    if (url.trim() !== was.url) changes.url = url.trim();
    if (trimmed !== (was.description ?? '')) changes.description = trimmed;
    if (enabled !== was.enabled) changes.enabled = enabled;
    if (
      events.length !== was.events.length ||
      events.some((event) => !was.events.includes(event))
    )
      changes.events = events;
    return Object.keys(changes).length === 0
      ? of(was)
      : this.api.update(was.id, changes);
  }
}
