import { ApiProperty } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  ROLES,
  type AuditAction,
  type AuditEvent,
  type DailyCount,
  type DormantAccount,
  type Page,
  type Role,
  type RoleCount,
  type UserStats,
  type WeeklyCount,
} from '@vip/shared-dto';

export class AuditEventResponse implements AuditEvent {
  @ApiProperty({ example: '1042', description: 'Increasing; a string, as it is a 64-bit integer' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'As it was at the time' }) actorEmail!: string | null;
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

export class RoleCountResponse implements RoleCount {
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ example: 3 }) count!: number;
}

export class DailyCountResponse implements DailyCount {
  @ApiProperty({ example: '2026-11-30', description: 'UTC day' }) date!: string;
  @ApiProperty({ example: 12 }) count!: number;
}

export class WeeklyCountResponse implements WeeklyCount {
  @ApiProperty({ example: '2026-11-24', description: 'Monday (UTC) the week begins' }) weekStart!: string;
  @ApiProperty({ example: 2 }) count!: number;
}

export class DormantAccountResponse implements DormantAccount {
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never signed in' }) lastSignInAt!: string | null;
}

export class DormantAccountsResponse {
  @ApiProperty({ example: 4, description: 'Accounts without a sign-in for 30 days or more' }) count!: number;
  @ApiProperty({ type: [DormantAccountResponse], description: 'Up to 20, longest dormant first' }) items!: DormantAccountResponse[];
}

export class UserStatsResponse implements UserStats {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [RoleCountResponse], description: 'Every role, also those nobody has' }) roles!: RoleCountResponse[];
  @ApiProperty({ type: [DailyCountResponse], description: 'The last 30 UTC days, oldest first' }) signInsPerDay!: DailyCountResponse[];
  @ApiProperty({ type: [WeeklyCountResponse], description: 'The last 12 weeks (Monday–Sunday, UTC), oldest first' })
  newAccountsPerWeek!: WeeklyCountResponse[];
  @ApiProperty({ type: DormantAccountsResponse }) dormant!: DormantAccountsResponse;
}
