import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Settings, type User } from '@vip/shared-dto';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { ApiAuthenticated, ApiErrors } from '../common/api-responses';
import { ClientContext, type RequestContext } from '../common/request-context';
import { SettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiAuthenticated()
@Roles([Role.Administrator])
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ operationId: 'getSettings', summary: 'The sign-up policy and the default role of new accounts' })
  @ApiOkResponse({ type: SettingsDto })
  get(): Promise<Settings> {
    return this.settings.get();
  }

  @Put()
  @ApiOperation({
    operationId: 'updateSettings',
    summary: 'Change the settings',
    description: 'Recorded as `settings.changed` with before and after.',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(400)
  update(
    @CurrentUser() actor: User,
    @Body() body: SettingsDto,
    @ClientContext() context: RequestContext,
  ): Promise<Settings> {
    return this.settings.update(actor, { signUpPolicy: body.signUpPolicy, defaultRole: body.defaultRole }, context);
  }
}
