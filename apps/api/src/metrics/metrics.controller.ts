import { Controller, Get, Header, Headers, NotFoundException, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/decorators/public.decorator';
import { ApiErrors, SECURITY } from '../common/api-responses';
import { UnauthorizedError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

/**
 * Prometheus scrape target. Public to the access-token guard on purpose: it has a
 * token of its own (METRICS_TOKEN), and in production it does not exist without one.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Header('cache-control', 'no-store')
  @ApiBearerAuth(SECURITY.metricsToken)
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; in production 404 while it is unset.',
  })
  // The content type on the 200 alone: errors stay JSON.
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string', example: 'auth_sign_ins_total{outcome="success"} 42\n' } } },
  })
  @ApiErrors(401, 404)
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (token === undefined && this.config.production) throw new NotFoundException('Cannot GET /api/metrics');
    if (token !== undefined && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new UnauthorizedError('The metrics token is required');
    }
    reply.type(this.metrics.contentType);
    return this.metrics.text();
  }
}

/** Constant-time comparison, whatever the lengths (hashing evens them out). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
