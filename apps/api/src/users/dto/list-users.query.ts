import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  ROLES,
  USER_SORT_FIELDS,
  type Role,
  type UserListQuery,
  type UserSort,
} from '@vip/shared-dto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const SORTS = USER_SORT_FIELDS.flatMap((field) => [field, `-${field}`]);

export class ListUsersQuery implements UserListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '1-based page number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Part of the name or email, case-insensitive', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // No control characters (NUL would make PostgreSQL refuse the query).
  @Matches(/^[^\p{Cc}]*$/u, { message: 'search must not contain control characters' })
  search?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: SORTS, default: 'email', description: 'Prefix with `-` for descending order' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: UserSort;
}
