import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import type { ParamMap } from '@angular/router';
import type { Observable } from 'rxjs';
import { errorMessage, Notifier } from '../core/notifier';
import { pagedList } from '../shared/list/paged-list';
import { PagedTable } from '../shared/list/paged-table';
import { TimeAgo } from '../shared/time-ago';
import type { Webhook, WebhookDelivery } from '@vip/shared-dto';
import { eventLabel } from './webhook-events';
import type { DeliveriesQuery } from './webhooks-api';
import { WebhooksApi } from './webhooks-api';

function deliveriesFilters(
  params: ParamMap,
): Omit<DeliveriesQuery, 'page' | 'pageSize'> {
  return { webhook: params.get('webhook') || undefined };
}

/**
 * The delivery log of one endpoint, paged in the URL (`?webhook=…&page=…`): each attempt
 * with its outcome, a way to send it again, and a test event to try the endpoint.
 */
@Component({
  selector: 'vip-webhook-deliveries',
  imports: [MatButton, MatIcon, MatTableModule, PagedTable, TimeAgo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhook-deliveries.html',
  styleUrl: './integrations-tables.scss',
})
export class WebhookDeliveries {
  private readonly api = inject(WebhooksApi);
  private readonly notifier = inject(Notifier);

  readonly webhook = input.required<Webhook>();

  protected readonly list = pagedList<
    WebhookDelivery,
    Omit<DeliveriesQuery, 'page' | 'pageSize'>
  >({
    filters: deliveriesFilters,
    load: (query) => this.api.deliveries(query),
  });
  protected readonly columns = [
    'createdAt',
    'type',
    'attempt',
    'result',
    'statusCode',
    'durationMs',
    'actions',
  ];
  protected readonly eventLabel = eventLabel;
  protected readonly busy = signal(false);

  protected sendTest(): void {
    const webhook = this.webhook();
    this.run(
      this.api.sendTest(webhook.id),
      `A test event is on its way to ${webhook.url}.`,
      'Cannot send a test event',
    );
  }

  protected redeliver(delivery: WebhookDelivery): void {
    this.run(
      this.api.redeliver(this.webhook().id, delivery.id),
      `The ${delivery.type} event is queued for delivery again.`,
      'Cannot redeliver',
    );
  }

  private run(request: Observable<void>, done: string, failed: string): void {
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.notifier.info(done);
        this.list.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.notifier.error(`${failed}: ${errorMessage(error)}`);
      },
    });
  }
}
