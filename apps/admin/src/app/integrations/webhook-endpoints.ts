import { computed, inject, Injectable } from '@angular/core';
import { errorMessage } from '../core/notifier';
import type { Webhook } from '@vip/shared-dto';
import { WebhooksApi } from './webhooks-api';

/**
 * The endpoints, loaded once for the Integrations page: its banner and its Webhooks tab
 * show the same list. Provided by the page.
 */
@Injectable()
export class WebhookEndpoints {
  readonly resource = inject(WebhooksApi).list();
  readonly all = computed<Webhook[]>(() =>
    this.resource.hasValue() ? this.resource.value() : [],
  );
  /** Turned off by the API after a day of failed deliveries. */
  readonly disabledForFailing = computed(() =>
    this.all().filter(
      (webhook) => !webhook.enabled && webhook.disabledReason === 'failing',
    ),
  );
  /** Why the list cannot be shown, or `null`. */
  readonly error = computed(() => {
    const error = this.resource.error();
    return error && !this.resource.hasValue() ? errorMessage(error) : null;
  });

  reload(): void {
    this.resource.reload();
  }
}
