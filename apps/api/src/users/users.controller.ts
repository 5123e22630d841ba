import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEvent, type Page, type User, type UserStats } from '@vip/shared-dto';
import { AuditEventPageResponse } from '../audit/dto/audit.responses';
import { PageQuery } from '../common/page.query';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ClientContext, type RequestContext } from '../common/request-context';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateRoleBody } from './dto/update-role.body';
import { UserStatsResponse } from './dto/user-stats.response';
import { UserPageResponse, UserResponse } from './dto/user.response';
import { EmailParamPipe } from './email-param.pipe';
import { UsersService } from './users.service';

const EMAIL_PARAM = { name: 'email', description: 'Matched case-insensitively', example: 'ada@example.com' };

@ApiTags('users')
@ApiAuthenticated()
@Roles([Role.Administrator])
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users: paged, searched, filtered by role, sorted' })
  @ApiOkResponse({ type: UserPageResponse })
  @ApiErrors(400)
  list(@Query() query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  // Before `:email`, which would otherwise take "stats" for an email.
  @Get('stats')
  @ApiOperation({
    summary: 'Numbers about people',
    description: 'Counts by role; sign-ins per UTC day (last 30 days); new accounts per week (last 12 weeks); accounts without a sign-in for 30+ days.',
  })
  @ApiOkResponse({ type: UserStatsResponse })
  stats(): Promise<UserStats> {
    return this.users.stats();
  }

  @Get(':email/activity')
  @ApiOperation({ summary: "A person's timeline: audit events where they acted or were acted on, newest first" })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: AuditEventPageResponse })
  @ApiErrors(400, 404)
  activity(@Param('email', EmailParamPipe) email: string, @Query() query: PageQuery): Promise<Page<AuditEvent>> {
    return this.users.activity(email, query.page, query.pageSize);
  }

  @Get(':email')
  @ApiOperation({ summary: 'Get one user by email' })
  @ApiParam(EMAIL_PARAM)
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(404)
  get(@Param('email', EmailParamPipe) email: string): Promise<User> {
    return this.users.get(email);
  }

  @Patch(':email/role')
  @ApiOperation({ summary: "Change a user's role", description: 'Refused with 409 when it would leave no administrator.' })
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

  @Delete(':email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and end their sessions', description: 'Refused with 409 when it would leave no administrator.' })
  @ApiParam(EMAIL_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, 409)
  delete(@CurrentUser() actor: User, @Param('email', EmailParamPipe) email: string, @ClientContext() context: RequestContext): Promise<void> {
    return this.users.delete(actor, email, context);
  }
}
