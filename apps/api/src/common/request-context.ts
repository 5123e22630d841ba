import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a request came from, recorded with the changes it makes. */
export interface RequestContext {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export function requestContext(request: FastifyRequest): RequestContext {
  return { requestId: String(request.id), ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The `RequestContext` of the current request, as a handler parameter. */
export const ClientContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContext(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
