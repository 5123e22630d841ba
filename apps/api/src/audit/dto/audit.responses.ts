import { ApiProperty } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  COUNT_LIMIT,
  type AuditAction,
  type AuditActorToken,
  type AuditEvent,
  type Page,
} from '@vip/shared-dto';

export class AuditActorTokenResponse implements AuditActorToken {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HR sync', description: 'As it was at the time' }) name!: string;
  @ApiProperty({ example: 'vipc_Ab3dE9x', description: 'The first 12 characters of the secret' }) prefix!: string;
}

export class AuditEventResponse implements AuditEvent {
  @ApiProperty({ example: '1042', description: 'Increasing; a string, as it is a 64-bit integer' }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T08:15:30.000Z' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'user.role_changed' }) action!: AuditAction;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0b6f3c1e-8f2a-4c8e-9a53-2f1d6c7e4b10' })
  actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ada@example.com', description: 'As it was at the time' })
  actorEmail!: string | null;
  @ApiProperty({
    type: AuditActorTokenResponse,
    nullable: true,
    description: 'The API token that acted; then `actorId` and `actorEmail` are null',
  })
  actorToken!: AuditActorTokenResponse | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' })
  targetId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'grace@example.com', description: 'As it was at the time' })
  targetEmail!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { before: { role: 'coordinator' }, after: { role: 'driver' } },
    description: 'Before and after values; for `user.sign_in_refused`, `{ reason, email }`',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, example: 'req-1f' }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' })
  userAgent!: string | null;
}

export class AuditEventPageResponse implements Page<AuditEvent> {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({
    example: 42,
    description: `Number of events matching the filter; exact unless \`totalExact\` is false, when more than ${COUNT_LIMIT.toLocaleString('en')} match and this is ${COUNT_LIMIT.toLocaleString('en')}`,
  })
  total!: number;
  @ApiProperty({
    required: false,
    example: true,
    description: `On the audit log: false when more than ${COUNT_LIMIT.toLocaleString('en')} events match (\`total\` is then a lower bound, shown as "${COUNT_LIMIT.toLocaleString('en')}+"); a person's timeline is always exact`,
  })
  totalExact?: boolean;
  @ApiProperty({ example: 1, description: '1-based' }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}
