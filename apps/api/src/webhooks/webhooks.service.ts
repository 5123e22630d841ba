import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  WEBHOOK_TEST_EVENT_TYPE,
  type CreateWebhookRequest,
  type CreatedWebhook,
  type Page,
  type UpdateWebhookRequest,
  type User,
  type Webhook,
  type WebhookDelivery,
  type WebhookQueued,
} from '@vip/shared-dto';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors';
import type { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import type { Transaction } from '../database/database';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { toWebhook, toWebhookDelivery, type WebhookRow } from './webhook.mapper';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookUrl } from './webhook-url';
import { WebhookWorker } from './webhook-worker';
import { WebhooksRepository, type WebhookChanges } from './webhooks.repository';

/** What `webhook.*` audit events show of an endpoint: never its secret. */
type Shown = Pick<Webhook, 'url' | 'events' | 'description' | 'enabled'>;
const shown = (row: WebhookRow): Shown => ({
  url: row.url,
  events: row.events,
  description: row.description,
  enabled: row.enabled,
});

/**
 * Webhook endpoints: registered, changed and removed by administrators, each change
 * audited in its transaction (under the administrators lock, re-checking the actor).
 */
@Injectable()
export class WebhooksService {
  private readonly allowPrivateNetworks: boolean;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly users: UsersRepository,
    private readonly people: UsersService,
    private readonly audit: AuditService,
    private readonly worker: WebhookWorker,
    config: AppConfig,
  ) {
    this.allowPrivateNetworks = config.webhooks.allowPrivateNetworks;
  }

  async list(): Promise<Webhook[]> {
    return (await this.webhooks.list()).map(toWebhook);
  }

  /** Registers an endpoint; the answer carries its signing secret, which is never shown again. */
  async create(actor: User, request: CreateWebhookRequest, context: RequestContext = {}): Promise<CreatedWebhook> {
    const url = checkWebhookUrl(request.url, this.allowPrivateNetworks);
    const secret = newWebhookSecret();
    return this.asAdministrator(actor, async (tx) => {
      const row = await this.webhooks.insert(tx, {
        url,
        description: request.description?.trim() ?? '',
        events: request.events,
        secret,
        createdBy: actor.id,
      });
      await this.audit.record(
        tx,
        {
          action: 'webhook.created',
          actorId: actor.id,
          actorEmail: actor.email,
          details: { webhookId: row.id, after: shown(row) },
        },
        context,
      );
      return { webhook: toWebhook(row), secret };
    });
  }

  /** Changes what is given; `webhook.changed` records before and after of what changed. */
  async update(actor: User, id: string, request: UpdateWebhookRequest, context: RequestContext = {}): Promise<Webhook> {
    const changes: WebhookChanges = {
      url: request.url === undefined ? undefined : checkWebhookUrl(request.url, this.allowPrivateNetworks),
      events: request.events,
      description: request.description?.trim(),
      enabled: request.enabled,
    };
    return this.asAdministrator(actor, async (tx) => {
      const before = await this.lock(tx, id);
      const after = await this.webhooks.update(tx, id, changes);
      const changed = (Object.keys(shown(before)) as (keyof Shown)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (changed.length === 0) return toWebhook(before);
      const pick = (row: WebhookRow) => Object.fromEntries(changed.map((key) => [key, shown(row)[key]]));
      await this.audit.record(
        tx,
        {
          action: 'webhook.changed',
          actorId: actor.id,
          actorEmail: actor.email,
          details: { webhookId: id, before: pick(before), after: pick(after) },
        },
        context,
      );
      return toWebhook(after);
    });
  }

  /** Removes the endpoint with its queue and delivery log. */
  async delete(actor: User, id: string, context: RequestContext = {}): Promise<void> {
    await this.asAdministrator(actor, async (tx) => {
      const before = await this.lock(tx, id);
      await this.webhooks.delete(tx, id);
      await this.audit.record(
        tx,
        {
          action: 'webhook.deleted',
          actorId: actor.id,
          actorEmail: actor.email,
          details: { webhookId: id, before: shown(before) },
        },
        context,
      );
    });
  }

  async deliveries(id: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<Page<WebhookDelivery>> {
    if (!(await this.webhooks.find(id))) throw new NotFoundError('No webhook has this id');
    const { rows, total } = await this.webhooks.deliveries(id, page, pageSize);
    return { items: rows.map(toWebhookDelivery), total, page, pageSize };
  }

  /** Queues a `webhook.test` event for this endpoint, behind what is already pending for it. */
  async sendTest(actor: User, id: string): Promise<WebhookQueued> {
    const eventId = `msg_test_${randomBytes(12).toString('hex')}`;
    await this.asAdministrator(actor, async (tx) => {
      await this.lockEnabled(tx, id);
      await this.webhooks.enqueue(tx, id, eventId, WEBHOOK_TEST_EVENT_TYPE, {
        webhookId: id,
        message: 'A test event from VIP Coordinator',
      });
    });
    this.worker.wake();
    return { eventId };
  }

  /** Queues the event of one of this endpoint's deliveries again, with the same event id. */
  async redeliver(actor: User, id: string, deliveryId: string): Promise<WebhookQueued> {
    const eventId = await this.asAdministrator(actor, async (tx) => {
      await this.lockEnabled(tx, id);
      const queued = await this.webhooks.requeue(tx, id, deliveryId);
      if (!queued) throw new NotFoundError('This webhook has no delivery with this id');
      return queued;
    });
    this.worker.wake();
    return { eventId };
  }

  private asAdministrator<T>(actor: User, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.users.withAdministratorsLock(async (tx) => {
      await this.people.assertStillAdministrator(tx, actor);
      return work(tx);
    });
  }

  private async lock(tx: Transaction, id: string): Promise<WebhookRow> {
    const row = await this.webhooks.lock(tx, id);
    if (!row) throw new NotFoundError('No webhook has this id');
    return row;
  }

  private async lockEnabled(tx: Transaction, id: string): Promise<WebhookRow> {
    const row = await this.lock(tx, id);
    if (!row.enabled) throw new ConflictError('This webhook is disabled: enable it first');
    return row;
  }
}
