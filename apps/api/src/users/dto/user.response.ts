import { ApiProperty } from '@nestjs/swagger';
import { COUNT_LIMIT, ROLES, USER_STATUSES, type Page, type Role, type User, type UserStatus } from '@vip/shared-dto';

export class UserResponse implements User {
  @ApiProperty({ format: 'uuid', example: '0b6f3c1e-8f2a-4c8e-9a53-2f1d6c7e4b10' }) id!: string;
  @ApiProperty({ example: 'ada@example.com', description: 'Lower-case; unique case-insensitively' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://lh3.googleusercontent.com/a/photo' }) picture!:
    | string
    | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'coordinator' }) role!: Role;
  @ApiProperty({ example: 'google' }) provider!: string;
  @ApiProperty({ format: 'date-time', example: '2026-09-14T08:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T16:05:12.000Z' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-01T07:58:41.000Z' })
  lastSignInAt!: string | null;
  @ApiProperty({
    enum: USER_STATUSES,
    enumName: 'UserStatus',
    example: 'active',
    description: '`pending`: waits for approval; `disabled`: may not sign in',
  })
  status!: UserStatus;
}

export class UserPageResponse implements Page<User> {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
  @ApiProperty({
    example: 42,
    description: `Number of users matching the filter; exact unless \`totalExact\` is false, when a search matches more than ${COUNT_LIMIT.toLocaleString('en')} and this is ${COUNT_LIMIT.toLocaleString('en')}`,
  })
  total!: number;
  @ApiProperty({
    example: true,
    description: `False when a search matches more than ${COUNT_LIMIT.toLocaleString('en')} users: \`total\` is then a lower bound (shown as "${COUNT_LIMIT.toLocaleString('en')}+")`,
  })
  totalExact!: boolean;
  @ApiProperty({ example: 1, description: '1-based' }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}
