import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  Role,
  type CreatedWebhook,
  type Page,
  type User,
  type Webhook,
  type WebhookDelivery,
  type WebhookQueued,
} from '@vip/shared-dto';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { PageQuery } from '../common/page.query';
import { ClientContext, type RequestContext } from '../common/request-context';
import {
  CreatedWebhookResponse,
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDeliveryPageResponse,
  WebhookQueuedResponse,
  WebhookResponse,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const uuid = () => new ParseUUIDPipe();

@ApiTags('webhooks')
@ApiAuthenticated()
@Roles([Role.Administrator])
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List webhook endpoints, oldest first' })
  @ApiOkResponse({ type: [WebhookResponse] })
  list(): Promise<Webhook[]> {
    return this.webhooks.list();
  }

  @Post()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint for some events',
    description:
      'Answers the signing secret (`whsec_…`) once; it is never shown again. Events are audit actions about accounts, sessions, invitations and settings. Recorded as `webhook.created`.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiErrors(400)
  create(
    @CurrentUser() actor: User,
    @Body() body: CreateWebhookBody,
    @ClientContext() context: RequestContext,
  ): Promise<CreatedWebhook> {
    return this.webhooks.create(actor, body, context);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change the URL, events, description, or switch an endpoint on or off',
    description: 'Enabling clears a failure state. Recorded as `webhook.changed` with before and after.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(400, 404)
  update(
    @CurrentUser() actor: User,
    @Param('id', uuid()) id: string,
    @Body() body: UpdateWebhookBody,
    @ClientContext() context: RequestContext,
  ): Promise<Webhook> {
    return this.webhooks.update(actor, id, body, context);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Remove a webhook endpoint',
    description: 'Its pending events and delivery log go with it. Recorded as `webhook.deleted`.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404)
  delete(
    @CurrentUser() actor: User,
    @Param('id', uuid()) id: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.webhooks.delete(actor, id, context);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's delivery log: every attempt, newest first",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDeliveryPageResponse })
  @ApiErrors(400, 404)
  deliveries(@Param('id', uuid()) id: string, @Query() query: PageQuery): Promise<Page<WebhookDelivery>> {
    return this.webhooks.deliveries(id, query.page, query.pageSize);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'sendTestWebhook',
    summary: 'Send a test event (`webhook.test`) to an endpoint',
    description:
      'Queued behind what is pending for the endpoint; its attempts appear in the delivery log. 409 when disabled.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: WebhookQueuedResponse })
  @ApiErrors(400, 404, 409)
  sendTest(@CurrentUser() actor: User, @Param('id', uuid()) id: string): Promise<WebhookQueued> {
    return this.webhooks.sendTest(actor, id);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'redeliverWebhook',
    summary: 'Send the event of a delivery again',
    description:
      'Same event id (`webhook-id`) and body, queued behind what is pending for the endpoint. 404 when the delivery is not of this endpoint; 409 when the endpoint is disabled.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiAcceptedResponse({ type: WebhookQueuedResponse })
  @ApiErrors(400, 404, 409)
  redeliver(
    @CurrentUser() actor: User,
    @Param('id', uuid()) id: string,
    @Param('deliveryId', uuid()) deliveryId: string,
  ): Promise<WebhookQueued> {
    return this.webhooks.redeliver(actor, id, deliveryId);
  }
}
