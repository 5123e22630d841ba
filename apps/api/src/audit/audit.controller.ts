import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEvent, type Page } from '@vip/shared-dto';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/decorators/roles.decorator';
import { Scopes } from '../auth/decorators/scopes.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { AuditService } from './audit.service';
import { AuditEventPageResponse } from './dto/audit.responses';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

@ApiTags('audit')
@ApiAuthenticated()
@Roles([Role.Administrator])
@Scopes('audit:read')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-events')
  @ApiOperation({ summary: 'List audit events: newest first, filtered, paged' })
  @ApiOkResponse({ type: AuditEventPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
    return this.audit.list(query);
  }

  @Get('audit-events.csv')
  @ApiOperation({
    summary: 'Download audit events as CSV (same filters, no paging)',
    description: "RFC 4180; cells a spreadsheet would run as a formula are prefixed with `'`. Streamed newest first.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  @ApiErrors(400)
  csv(@Query() query: ListAuditEventsQuery, @Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-events.csv"')
      .header('cache-control', 'no-store')
      .send(this.audit.csv(query));
  }
}
