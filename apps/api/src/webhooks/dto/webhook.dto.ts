import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  WEBHOOK_DISABLED_REASONS,
  WEBHOOK_EVENT_TYPES,
  type CreateWebhookRequest,
  type CreatedWebhook,
  type Page,
  type UpdateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  type WebhookDisabledReason,
  type WebhookEventType,
  type WebhookQueued,
} from '@vip/shared-dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

export class CreateWebhookBody implements CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hooks.example.com/vip',
    maxLength: 2048,
    description:
      'HTTPS. Loopback, private and link-local addresses (and http://) only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['user.role_changed', 'invitation.created'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `events must each be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 200, example: 'Payroll sync' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'description must not contain control characters' })
  description?: string;
}

export class UpdateWebhookBody implements UpdateWebhookRequest {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/vip', maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `events must each be one of: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'description must not contain control characters' })
  description?: string;

  @ApiPropertyOptional({ description: '`true` also clears a failure state (`disabledReason: failing`)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookResponse implements Webhook {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'https://hooks.example.com/vip' }) url!: string;
  @ApiProperty({ example: 'Payroll sync' }) description!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: WebhookEventType[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    enum: WEBHOOK_DISABLED_REASONS,
    nullable: true,
    description: '`manual`: an administrator disabled it; `failing`: every delivery failed for 24 hours',
  })
  disabledReason!: WebhookDisabledReason | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Start of the current run of failed deliveries; null while they succeed',
  })
  failingSince!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedWebhookResponse implements CreatedWebhook {
  @ApiProperty({ type: WebhookResponse }) webhook!: WebhookResponse;
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Shown only here' })
  secret!: string;
}

export class WebhookDeliveryResponse implements WebhookDelivery {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'msg_1042', description: 'The `webhook-id` header, the same on every attempt' })
  eventId!: string;
  @ApiProperty({ example: 'user.role_changed' }) type!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) statusCode!: number | null;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ example: 120 }) durationMs!: number;
  @ApiProperty({ type: String, nullable: true, example: null }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookDeliveryPageResponse implements Page<WebhookDelivery> {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}

export class WebhookQueuedResponse implements WebhookQueued {
  @ApiProperty({ example: 'msg_test_3f2a9c0d1e4b5a6c7d8e9f00' }) eventId!: string;
}
