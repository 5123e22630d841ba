import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, type Page, type User } from '@vip/shared-dto';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateRoleBody } from './dto/update-role.body';
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
  updateRole(@CurrentUser() actor: User, @Param('email', EmailParamPipe) email: string, @Body() body: UpdateRoleBody): Promise<User> {
    return this.users.updateRole(actor, email, body.role);
  }

  @Delete(':email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and end their sessions', description: 'Refused with 409 when it would leave no administrator.' })
  @ApiParam(EMAIL_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, 409)
  delete(@CurrentUser() actor: User, @Param('email', EmailParamPipe) email: string): Promise<void> {
    return this.users.delete(actor, email);
  }
}
