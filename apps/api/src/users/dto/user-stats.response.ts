import { ApiProperty } from '@nestjs/swagger';
import {
  ROLES,
  type DailyCount,
  type DormantAccount,
  type Role,
  type RoleCount,
  type UserStats,
  type WeeklyCount,
} from '@vip/shared-dto';

export class RoleCountResponse implements RoleCount {
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'administrator' }) role!: Role;
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
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-09-30T12:00:00.000Z',
    description: 'null: never signed in',
  })
  lastSignInAt!: string | null;
}

export class DormantAccountsResponse {
  @ApiProperty({ example: 4, description: 'Accounts without a sign-in for 30 days or more' }) count!: number;
  @ApiProperty({ type: [DormantAccountResponse], description: 'Up to 20, longest dormant first' })
  items!: DormantAccountResponse[];
}

export class UserStatsResponse implements UserStats {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T08:00:00.000Z' }) generatedAt!: string;
  @ApiProperty({ type: [RoleCountResponse], description: 'Every role, also those nobody has' })
  roles!: RoleCountResponse[];
  @ApiProperty({ type: [DailyCountResponse], description: 'The last 30 UTC days, oldest first' })
  signInsPerDay!: DailyCountResponse[];
  @ApiProperty({ type: [WeeklyCountResponse], description: 'The last 12 weeks (Monday–Sunday, UTC), oldest first' })
  newAccountsPerWeek!: WeeklyCountResponse[];
  @ApiProperty({ type: DormantAccountsResponse }) dormant!: DormantAccountsResponse;
}
