import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { errorMessage, Notifier } from '../core/notifier';
import { ApiTokens } from './api-tokens';
import type { Webhook } from '@vip/shared-dto';
import { WebhookEndpoints } from './webhook-endpoints';
import { Webhooks } from './webhooks';
import { WebhooksApi } from './webhooks-api';

export const INTEGRATION_TABS = ['tokens', 'webhooks'] as const;
export type IntegrationTab = (typeof INTEGRATION_TABS)[number];

/**
 * What other systems use: API tokens to call the API, webhooks to hear about changes.
 * The tab is in the URL (`?tab=webhooks`); API tokens is the default.
 */
@Component({
  selector: 'vip-integrations-page',
  imports: [
    DatePipe,
    MatButton,
    MatIcon,
    MatTabNav,
    MatTabLink,
    MatTabNavPanel,
    RouterLink,
    ApiTokens,
    Webhooks,
  ],
  providers: [WebhookEndpoints],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './integrations-page.html',
  styleUrl: './integrations-page.scss',
})
export class IntegrationsPage {
  private readonly api = inject(WebhooksApi);
  private readonly notifier = inject(Notifier);
  protected readonly endpoints = inject(WebhookEndpoints);

  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, {
    requireSync: true,
  });
  protected readonly tab = computed<IntegrationTab>(() =>
    this.params().get('tab') === 'webhooks' ? 'webhooks' : 'tokens',
  );

  protected enable(webhook: Webhook): void {
    this.api.update(webhook.id, { enabled: true }).subscribe({
      next: () => {
        this.notifier.info(`The webhook ${webhook.url} is on again.`);
        this.endpoints.reload();
      },
      error: (error: unknown) =>
        this.notifier.error(`Cannot turn it on: ${errorMessage(error)}`),
    });
  }
}
