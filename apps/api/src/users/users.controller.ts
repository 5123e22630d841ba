import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEvent, type Page, type Session, type User, type UserStats } from '@vip/shared-dto';
import { AuditEventPageResponse } from '../audit/dto/audit.responses';
import { PageQuery } from '../common/page.query';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ClientContext, type RequestContext } from '../common/request-context';
import type { AuthRequest } from '../auth/auth-request';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { SessionResponse } from '../auth/dto/session.response';
import { Roles } from '../auth/decorators/roles.decorator';
import { Scopes } from '../auth/decorators/scopes.decorator';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateRoleBody } from './dto/update-role.body';
import { UserStatsResponse } from './dto/user-stats.response';
import { UserPageResponse, UserResponse } from './dto/user.response';
import { EmailParamPipe } from './email-param.pipe';
import { UsersService } from './users.service';

const EMAIL_PARAM = { name: 'email', description: 'Matched case-insensitively', example: 'ada@example.com' };

@ApiTags('users')
// API tokens reach these routes too, as their scopes allow.
@ApiAuthenticated()
@Roles([Role.Administrator])
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Scopes('users:read')
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'List users: paged, searched, filtered by role and status, sorted',
  })
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  // Before `:email`, which would otherwise take "stats" for an email.
  @Get('stats')
  @Scopes('users:read')
  @ApiOperation({
    operationId: 'getUserStats',
    summary: 'Numbers about people',
    description:
      'Counts by role; sign-ins per UTC day (last 30 days); new accounts per week (last 12 weeks); accounts without a sign-in for 30+ days.',
  })
  @ApiOkResponse({ type: UserStatsResponse })
  stats(): Promise<UserStats> {
    return this.users.stats();
  }

  @Get(':email/activity')
  @Scopes('users:read')
  @ApiOperation({
    operationId: 'getUserActivity',
    summary: "A person's timeline: audit events where they acted or were acted on, newest first",
  })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: AuditEventPageResponse })
  @ApiErrors(400, 404)
  activity(@Param('email', EmailParamPipe) email: string, @Query() query: PageQuery): Promise<Page<AuditEvent>> {
    return this.users.activity(email, query.page, query.pageSize);
  }

  @Get(':email')
  @Scopes('users:read')
  @ApiOperation({ operationId: 'getUser', summary: 'Get one user by email' })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(404)
  get(@Param('email', EmailParamPipe) email: string): Promise<User> {
    return this.users.get(email);
  }

  @Patch(':email/role')
  @Scopes('users:write')
  @ApiOperation({
    operationId: 'changeUserRole',
    summary: "Change a user's role",
    description: 'Refused with 409 when it would leave no active administrator.',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  updateRole(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @Body() body: UpdateRoleBody,
    @ClientContext() context: RequestContext,
  ): Promise<User> {
    return this.users.updateRole(actor, email, body.role, context);
  }

  @Post(':email/disable')
  @Scopes('users:write')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'disableUser',
    summary: 'Disable an account',
    description:
      "All that person's sessions end in the same transaction; their tokens get 401 and Google sign-in is refused. 409 for yourself, or when it would leave no active administrator.",
  })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  disable(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @ClientContext() context: RequestContext,
  ): Promise<User> {
    return this.users.disable(actor, email, context);
  }

  @Post(':email/enable')
  @Scopes('users:write')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'enableUser',
    summary: 'Enable a disabled account',
    description: '409 for a pending account (approve or reject it).',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  enable(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @ClientContext() context: RequestContext,
  ): Promise<User> {
    return this.users.enable(actor, email, context);
  }

  @Post(':email/approve')
  @Scopes('users:write')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveUser',
    summary: 'Approve a pending account with a role',
    description: '409 when the account is not pending.',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  approve(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @Body() body: UpdateRoleBody,
    @ClientContext() context: RequestContext,
  ): Promise<User> {
    return this.users.approve(actor, email, body.role, context);
  }

  @Post(':email/reject')
  @Scopes('users:write')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'rejectUser',
    summary: 'Reject a pending account',
    description: 'The account is removed. 409 when it is not pending.',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiNoContentResponse({ description: 'Rejected and removed' })
  @ApiErrors(400, 404, 409)
  reject(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.users.reject(actor, email, context);
  }

  @Get(':email/sessions')
  @Scopes('users:write')
  @ApiOperation({ operationId: 'listUserSessions', summary: "A person's live sessions" })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: [SessionResponse] })
  @ApiErrors(400, 404)
  sessions(@Param('email', EmailParamPipe) email: string, @Req() request: AuthRequest): Promise<Session[]> {
    return this.users.sessionsOf(email, request.sessionId);
  }

  @Delete(':email/sessions')
  @Scopes('users:write')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeUserSessions',
    summary: 'End every session of a person (sign them out everywhere)',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiNoContentResponse({ description: 'Every session ended' })
  @ApiErrors(400, 404)
  revokeSessions(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.users.revokeSessions(actor, email, context);
  }

  @Delete(':email')
  @Scopes('users:write')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteUser',
    summary: 'Delete a user and end their sessions',
    description: 'Refused with 409 when it would leave no active administrator.',
  })
  @ApiParam(EMAIL_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, 409)
  delete(
    @CurrentUser() actor: User,
    @Param('email', EmailParamPipe) email: string,
    @ClientContext() context: RequestContext,
  ): Promise<void> {
    return this.users.delete(actor, email, context);
  }
}
