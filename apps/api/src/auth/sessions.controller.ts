import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Session, User } from '@vip/shared-dto';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ClientContext, type RequestContext } from '../common/request-context';
import type { SessionRequest } from './auth-request';
import { CurrentUser } from './decorators/current-user.decorator';
import { AllowPending, AnyRole } from './decorators/roles.decorator';
import { SessionResponse } from './dto/session.response';
import { SessionsService } from './sessions.service';

/** The caller's own sign-in sessions; open to pending accounts too. */
@ApiTags('auth')
@ApiAuthenticated()
@AnyRole()
@AllowPending()
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMySessions',
    summary: 'My sessions, most recently used first; `current` marks this one',
  })
  @ApiOkResponse({ type: [SessionResponse] })
  mine(@CurrentUser() caller: User, @Req() request: SessionRequest): Promise<Session[]> {
    return this.sessions.mine(caller, request.sessionId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeMyOtherSessions',
    summary: 'Sign out everywhere else: end every session of mine but this one',
  })
  @ApiNoContentResponse({ description: 'The other sessions ended' })
  revokeOthers(
    @CurrentUser() caller: User,
    @Req() request: SessionRequest,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.sessions.revokeOthers(caller, request.sessionId, context);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeMySession',
    summary: 'End one of my sessions',
    description: "404 when it is not one of the caller's live sessions.",
  })
  @ApiParam({ name: 'id', format: 'uuid', example: '5d2e7a90-3b1c-4f6e-8d4a-9c0b1e2f3a4b' })
  @ApiNoContentResponse({ description: 'Ended: its access tokens get 401 on their next request' })
  @ApiErrors(400, 404)
  revoke(
    @CurrentUser() caller: User,
    @Param('id', new ParseUUIDPipe()) id: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.sessions.revoke(caller, id, context);
  }
}
