import { ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction, type AuditEventQuery } from '@vip/shared-dto';
import { PageQuery } from '../../common/page.query';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const EMAIL_FILTER = /^[^\p{Cc}\s]+$/u;

/** Filters of the audit list (and of its CSV, which ignores the paging). */
export class ListAuditEventsQuery extends PageQuery implements AuditEventQuery {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({
    description: 'Who acted: exact email, case-insensitive',
    maxLength: 320,
    example: 'ada@example.com',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL_FILTER, { message: 'actorEmail must be an email without spaces or control characters' })
  actorEmail?: string;

  @ApiPropertyOptional({ description: 'Who was acted on: exact email, case-insensitive', maxLength: 320 })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL_FILTER, { message: 'targetEmail must be an email without spaces or control characters' })
  targetEmail?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
