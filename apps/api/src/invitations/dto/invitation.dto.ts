import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEFAULT_INVITATION_DAYS,
  INVITATION_SORT_FIELDS,
  INVITATION_STATES,
  MAX_INVITATION_DAYS,
  ROLES,
  type CreateInvitationRequest,
  type ImportResult,
  type ImportRow,
  type Invitation,
  type InvitationListQuery,
  type InvitationSort,
  type InvitationState,
  type Page,
  type Role,
} from '@vip/shared-dto';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/page.query';

const SORTS = INVITATION_SORT_FIELDS.flatMap((field) => [field, `-${field}`]);
// Same shape the roster import accepts (see roster-csv.ts).
const EMAIL =
  /^[^\s@\p{Cc}]{1,64}@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/u;

export class CreateInvitationBody implements CreateInvitationRequest {
  @ApiProperty({ example: 'driver@gmail.com', description: 'The exact email that may sign in; stored lower-case' })
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'driver' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INVITATION_DAYS,
    default: DEFAULT_INVITATION_DAYS,
    example: 7,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INVITATION_DAYS)
  expiresInDays?: number;
}

export class ListInvitationsQuery extends PageQuery implements InvitationListQuery {
  @ApiPropertyOptional({ description: 'Part of the email, case-insensitive', maxLength: 200, example: 'gmail' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'search must not contain control characters' })
  search?: string;

  @ApiPropertyOptional({ enum: INVITATION_STATES, enumName: 'InvitationState' })
  @IsOptional()
  @IsIn(INVITATION_STATES)
  state?: InvitationState;

  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt', description: 'Prefix with `-` for descending order' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: InvitationSort;
}

export class ImportQuery {
  @ApiPropertyOptional({ type: Boolean, default: false, description: '`true`: check every row, write nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

class InviterResponse {
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
}

export class InvitationResponse implements Invitation {
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' }) id!: string;
  @ApiProperty({ example: 'driver@gmail.com' }) email!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'driver' }) role!: Role;
  @ApiProperty({ enum: INVITATION_STATES, enumName: 'InvitationState', example: 'pending' }) state!: InvitationState;
  @ApiProperty({ type: InviterResponse, nullable: true, description: 'null when the inviter was deleted' })
  invitedBy!: InviterResponse | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-14T10:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class InvitationPageResponse implements Page<Invitation> {
  @ApiProperty({ type: [InvitationResponse] }) items!: InvitationResponse[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 1, description: '1-based' }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
}

class ImportRowResponse implements ImportRow {
  @ApiProperty({ example: 2, description: 'Line of the file (the header is line 1)' }) line!: number;
  @ApiProperty({ example: 'driver@gmail.com' }) email!: string;
  @ApiProperty({ example: 'driver' }) role!: string;
  @ApiPropertyOptional({
    description: 'What is wrong with the row; absent when it is fine',
    example: 'unknown role "pilot"',
  })
  error?: string;
}

export class ImportResultResponse implements ImportResult {
  @ApiProperty({ type: [ImportRowResponse] }) rows!: ImportRowResponse[];
  @ApiProperty({ description: 'Invitations written (0 for a preview)', example: 12 }) created!: number;
}
