import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction, type AuditActorToken, type AuditEvent, type Page } from '@vip/shared-dto';

export class AuditActorTokenResponse implements AuditActorToken {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HR sync', description: 'As it was at the time' }) name!: string;
  @ApiProperty({ example: 'vipc_Ab3dE9x', description: 'The first 12 characters of the secret' }) prefix!: string;
}

export class AuditEventResponse implements AuditEvent {
  @ApiProperty({ example: '1042', description: 'Increasing; a string, as it is a 64-bit integer' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'As it was at the time' }) actorEmail!: string | null;
  @ApiProperty({
    type: AuditActorTokenResponse,
    nullable: true,
    description: 'The API token that acted; then `actorId` and `actorEmail` are null',
  })
  actorToken!: AuditActorTokenResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) targetId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'As it was at the time' }) targetEmail!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { before: { role: 'coordinator' }, after: { role: 'driver' } },
    description: 'Before and after values; for `user.sign_in_refused`, `{ reason, email }`',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
}

export class AuditEventPageResponse implements Page<AuditEvent> {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({ example: 42, description: 'Number of events matching the filter' }) total!: number;
  @ApiProperty({ example: 1, description: '1-based' }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}
