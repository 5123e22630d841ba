import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** An API token as the audit trail names it: never its secret. */
export interface ApiTokenActor {
  id: string;
  name: string;
  prefix: string;
}

/** Where a request came from, recorded with the changes it makes. */
export interface RequestContext {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  /** Set when the request authenticated with an API token: the token, not a person, acts. */
  apiToken?: ApiTokenActor;
}

export function requestContext(request: FastifyRequest & { apiToken?: ApiTokenActor }): RequestContext {
  const context: RequestContext = {
    requestId: String(request.id),
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  };
  const token = request.apiToken;
  if (token) context.apiToken = { id: token.id, name: token.name, prefix: token.prefix };
  return context;
}

/** The `RequestContext` of the current request, as a handler parameter. */
export const ClientContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContext(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
