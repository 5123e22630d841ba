import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ROLES,
  USER_SORT_FIELDS,
  USER_STATUSES,
  type Role,
  type UserListQuery,
  type UserSort,
  type UserStatus,
} from '@vip/shared-dto';
import { PageQuery } from '../../common/page.query';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const SORTS = USER_SORT_FIELDS.flatMap((field) => [field, `-${field}`]);

export class ListUsersQuery extends PageQuery implements UserListQuery {
  @ApiPropertyOptional({
    description:
      'Case-insensitive; surrounding spaces ignored. Three characters or more: any part of the name or email. ' +
      'One or two characters: the start of a word of the name or of the email (words are runs of letters and digits; ' +
      'the top-level domain is not a word), e.g. `lo` finds "Ada Lovelace" and "x@logistics.example.com".',
    maxLength: 200,
    example: 'ada',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // No control characters (NUL would make PostgreSQL refuse the query).
  @Matches(/^[^\p{Cc}]*$/u, { message: 'search must not contain control characters' })
  search?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: USER_STATUSES, enumName: 'UserStatus' })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ enum: SORTS, default: 'email', description: 'Prefix with `-` for descending order' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: UserSort;
}
