import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Role, type ApiToken, type CreatedApiToken, type User } from '@vip/shared-dto';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ClientContext, type RequestContext } from '../common/request-context';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenResponse, CreateApiTokenBody, CreatedApiTokenResponse } from './dto/api-token.dto';

/** Administrators manage API tokens with their own sign-in; no API token reaches these routes. */
@ApiTags('tokens')
@ApiAuthenticated()
@Roles([Role.Administrator])
@Controller('tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ operationId: 'listApiTokens', summary: 'List API tokens, newest first (revoked ones too)' })
  @ApiOkResponse({ type: [ApiTokenResponse] })
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  @Post()
  @ApiOperation({
    operationId: 'createApiToken',
    summary: 'Create an API token',
    description:
      'Answers the secret (`vipc_…`) this once; only its SHA-256 hash is stored. Recorded as `token.created`.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenResponse })
  @ApiErrors(400)
  create(
    @CurrentUser() actor: User,
    @Body() body: CreateApiTokenBody,
    @ClientContext() context: RequestContext,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(actor, body, context);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeApiToken',
    summary: 'Revoke an API token',
    description: 'Its next request gets 401, on every instance. It stays listed, with `revokedAt`.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was)' })
  @ApiErrors(400, 404)
  revoke(
    @CurrentUser() actor: User,
    @Param('id', new ParseUUIDPipe()) id: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.tokens.revoke(actor, id, context);
  }
}
