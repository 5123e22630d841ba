import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Page, type Role, type User } from '@vip/shared-dto';

export class UserResponse implements User {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada@example.com', description: 'Lower-case; unique case-insensitively' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://lh3.googleusercontent.com/a/photo' }) picture!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ example: 'google' }) provider!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSignInAt!: string | null;
}

export class UserPageResponse implements Page<User> {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
  @ApiProperty({ example: 42, description: 'Number of users matching the filter' }) total!: number;
  @ApiProperty({ example: 1, description: '1-based' }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}
