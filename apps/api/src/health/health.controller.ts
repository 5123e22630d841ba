import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { ApiErrors } from '../common/api-responses';
import { UnavailableError } from '../common/errors';
import { HealthService } from './health.service';

const STATUS = {
  schema: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['ok'], example: 'ok' } },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Readiness (same as /api/health/ready)' })
  @ApiOkResponse(STATUS)
  @ApiErrors(503)
  check(): Promise<{ status: 'ok' }> {
    return this.ready();
  }

  @Public()
  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness: 200 while the process runs, whatever the database does',
  })
  @ApiOkResponse(STATUS)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers and no migration is pending',
  })
  @ApiOkResponse(STATUS)
  @ApiErrors(503)
  async ready(): Promise<{ status: 'ok' }> {
    const reason = await this.health.notReady();
    if (reason) throw new UnavailableError(reason);
    return { status: 'ok' };
  }
}
