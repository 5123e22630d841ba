import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { filter } from 'rxjs';
import { errorMessage, errorStatus, Notifier } from '../core/notifier';
import { confirmed, DIALOG_SIZE } from '../shared/confirm-dialog';
import { LoadState } from '../shared/list/load-state';
import { TimeAgo } from '../shared/time-ago';
import type { Webhook } from '@vip/shared-dto';
import type { WebhookDialogData } from './webhook-dialog';
import { WebhookDialog } from './webhook-dialog';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpoints } from './webhook-endpoints';
import { describeEvents } from './webhook-events';
import { WebhooksApi } from './webhooks-api';

/** The Webhooks tab: endpoints that receive events, and the delivery log of the chosen one. */
@Component({
  selector: 'vip-webhooks',
  imports: [
    MatButton,
    MatIconButton,
    MatIcon,
    MatTableModule,
    MatTooltip,
    RouterLink,
    LoadState,
    TimeAgo,
    WebhookDeliveries,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks.html',
  styleUrl: './integrations-tables.scss',
})
export class Webhooks {
  private readonly api = inject(WebhooksApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly endpoints = inject(WebhookEndpoints);

  private readonly params = toSignal(this.route.queryParamMap, {
    requireSync: true,
  });
  /** The endpoint whose deliveries are shown (`?webhook=`), once the list has it. */
  protected readonly selected = computed(() => {
    const id = this.params().get('webhook');
    return id ? this.endpoints.all().find((w) => w.id === id) : undefined;
  });
  /** The URL names an endpoint the loaded list does not have (removed meanwhile). */
  protected readonly missing = computed(
    () =>
      !!this.params().get('webhook') &&
      this.endpoints.resource.hasValue() &&
      !this.selected(),
  );
  protected readonly columns = [
    'url',
    'events',
    'status',
    'createdAt',
    'actions',
  ];
  protected readonly describeEvents = describeEvents;
  protected readonly trackById = (_: number, webhook: Webhook) => webhook.id;

  protected add(): void {
    this.open({}).subscribe((webhook) => {
      this.notifier.info(`The webhook ${webhook.url} was added.`);
      this.endpoints.reload();
      this.show(webhook.id);
    });
  }

  protected edit(webhook: Webhook): void {
    this.open({ webhook }).subscribe((saved) => {
      this.notifier.info(`The webhook ${saved.url} was saved.`);
      this.endpoints.reload();
    });
  }

  protected remove(webhook: Webhook): void {
    confirmed(this.dialog, {
      title: `Remove the webhook ${webhook.url}?`,
      body: [
        'It stops receiving events at once, and its delivery log is removed with it.',
      ],
      action: 'Remove',
      danger: true,
    }).subscribe(() =>
      this.api.remove(webhook.id).subscribe({
        next: () => {
          this.notifier.info(`The webhook ${webhook.url} was removed.`);
          if (this.selected()?.id === webhook.id) this.show(null);
          this.endpoints.reload();
        },
        error: (error: unknown) => {
          this.notifier.error(
            errorStatus(error) === 404
              ? `The webhook ${webhook.url} no longer exists.`
              : `Cannot remove: ${errorMessage(error)}`,
          );
          this.endpoints.reload();
        },
      }),
    );
  }

  private open(data: WebhookDialogData) {
    return this.dialog
      .open<WebhookDialog, WebhookDialogData, Webhook>(WebhookDialog, {
        data,
        width: '640px',
        ...DIALOG_SIZE,
      })
      .afterClosed()
      .pipe(filter((webhook): webhook is Webhook => !!webhook));
  }

  /** Shows the delivery log of an endpoint (or none), from its first page. */
  private show(id: string | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { webhook: id, page: null, pageSize: null },
      queryParamsHandling: 'merge',
    });
  }
}
