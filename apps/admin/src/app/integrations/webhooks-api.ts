import { HttpClient, httpResource } from '@angular/common/http';
import type { Signal } from '@angular/core';
import { inject, Injectable } from '@angular/core';
import type { Page } from '@vip/shared-dto';
import type { Observable } from 'rxjs';
import type { PageQuery } from '../shared/list/list-params';
import type {
  CreatedWebhook,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  Webhook,
  WebhookDelivery,
} from '@vip/shared-dto';

const WEBHOOKS_URL = '/api/webhooks';

const webhookUrl = (id: string) => `${WEBHOOKS_URL}/${encodeURIComponent(id)}`;

/** The delivery log of one endpoint: which one, and which page. */
export interface DeliveriesQuery extends PageQuery {
  webhook?: string;
}

/** Webhook endpoints and their delivery logs (administrators only). */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);

  /** Every endpoint. Call in an injection context. */
  list() {
    return httpResource<Webhook[]>(() => WEBHOOKS_URL);
  }

  /** Answers the signing secret once; it cannot be read again. */
  create(body: CreateWebhookRequest): Observable<CreatedWebhook> {
    return this.http.post<CreatedWebhook>(WEBHOOKS_URL, body);
  }

  update(id: string, body: UpdateWebhookRequest): Observable<Webhook> {
    return this.http.patch<Webhook>(webhookUrl(id), body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(webhookUrl(id));
  }

  /** A page of the endpoint's delivery log, newest first; idle while no endpoint is chosen. */
  deliveries(query: Signal<DeliveriesQuery>) {
    return httpResource<Page<WebhookDelivery>>(() => {
      const { webhook, page, pageSize } = query();
      return webhook
        ? {
            url: `${webhookUrl(webhook)}/deliveries`,
            params: { page, pageSize },
          }
        : undefined;
    });
  }

  /** Queues a test event for the endpoint (202). */
  sendTest(id: string): Observable<void> {
    return this.http.post<void>(`${webhookUrl(id)}/test`, null);
  }

  /** Queues the event of a delivery again (202). */
  redeliver(id: string, deliveryId: string): Observable<void> {
    return this.http.post<void>(
      `${webhookUrl(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      null,
    );
  }
}
