import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEvent, type Page } from '@vip/shared-dto';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/decorators/roles.decorator';
import { Scopes } from '../auth/decorators/scopes.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { AuditService } from './audit.service';
import { AuditEventPageResponse } from './dto/audit.responses';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

@ApiTags('audit')
// API tokens reach these routes too, as their scopes allow.
@ApiAuthenticated()
@Roles([Role.Administrator])
@Scopes('audit:read')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-events')
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'List audit events: newest first, filtered, paged' })
  @ApiOkResponse({ type: AuditEventPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
    return this.audit.list(query);
  }

  @Get('audit-events.csv')
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Download audit events as CSV (same filters, no paging)',
    description: "RFC 4180; cells a spreadsheet would run as a formula are prefixed with `'`. Streamed newest first.",
  })
  // The content type on the 200 alone: errors stay JSON (`@ApiProduces` would mark them CSV too).
  @ApiOkResponse({
    description: 'CSV with a header row',
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'id,occurredAt,action,actorId,actorEmail,targetId,targetEmail,details,requestId,ip,userAgent\r\n' +
            '1042,2026-12-01T08:15:30.000Z,user.role_changed,,ada@example.com,,grace@example.com,"{""after"":{""role"":""driver""}}",req-1f,203.0.113.7,curl/8.5.0\r\n',
        },
      },
    },
  })
  @ApiErrors(400)
  csv(@Query() query: ListAuditEventsQuery, @Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-events.csv"')
      .header('cache-control', 'no-store')
      .send(this.audit.csv(query));
  }
}
