import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { MAX_IMPORT_ROWS, Role, type ImportResult, type Invitation, type Page, type User } from '@vip/shared-dto';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { Scopes } from '../auth/decorators/scopes.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ValidationError } from '../common/errors';
import { ClientContext, type RequestContext } from '../common/request-context';
import {
  CreateInvitationBody,
  ImportQuery,
  ImportResultResponse,
  InvitationPageResponse,
  InvitationResponse,
  ListInvitationsQuery,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

/** A roster of 1,000 rows of the longest cells fits; the global limit stays small. */
export const ROSTER_BODY_LIMIT = 1024 * 1024;

@ApiTags('invitations')
// API tokens reach these routes too, as their scopes allow.
@ApiAuthenticated()
@Roles([Role.Administrator])
@Scopes('users:write')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listInvitations',
    summary: 'List invitations: paged, searched by email, filtered by state, sorted (newest first by default)',
  })
  @ApiOkResponse({ type: InvitationPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListInvitationsQuery): Promise<Page<Invitation>> {
    return this.invitations.list(query);
  }

  @Post()
  @ApiOperation({
    operationId: 'createInvitation',
    summary: 'Invite an email with a role',
    description:
      'When that verified email signs in, its account is created active with this role, whatever the domains and sign-up policy. 409 when the email has an account or a live invitation.',
  })
  @ApiCreatedResponse({ type: InvitationResponse })
  @ApiErrors(400, 409)
  create(
    @CurrentUser() actor: User,
    @Body() body: CreateInvitationBody,
    @ClientContext() context: RequestContext,
  ): Promise<Invitation> {
    return this.invitations.create(actor, body, context);
  }

  @Post('import')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: ROSTER_BODY_LIMIT })
  @ApiOperation({
    operationId: 'importRoster',
    summary: `Import a roster (CSV, at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows)`,
    description:
      "Body: `text/csv`, UTF-8, header `email,role` or `email,role,name`. Every row is checked (email, role, duplicates, formula-looking cells, existing accounts and live invitations). Any bad row: 400 with every row's verdict, nothing written. Otherwise all rows are written in one transaction; `dryRun=true` only previews.",
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'email,role,name\ndriver@gmail.com,driver,Dee Driver\n' } })
  @ApiOkResponse({ type: ImportResultResponse })
  @ApiErrors(400, 413, 415)
  import(
    @CurrentUser() actor: User,
    @Body() file: unknown,
    @Query() query: ImportQuery,
    @ClientContext() context: RequestContext,
  ): Promise<ImportResult> {
    if (!Buffer.isBuffer(file)) throw new ValidationError('Send the roster as text/csv');
    return this.invitations.import(actor, file, query.dryRun ?? false, context);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeInvitation',
    summary: 'Revoke an invitation',
    description: 'It is kept, as `revoked`. 409 when it was already accepted.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiErrors(400, 404, 409)
  revoke(
    @CurrentUser() actor: User,
    @Param('id', new ParseUUIDPipe()) id: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.invitations.revoke(actor, id, context);
  }
}
