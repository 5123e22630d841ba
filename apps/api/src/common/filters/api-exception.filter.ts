import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ApiError, ErrorCode, ImportResult } from '@vip/shared-dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseError } from 'pg';
import { isDatabaseUnavailable } from '../../database/database-errors';
import { DomainError, InvalidImportError } from '../errors';

/** Seconds a client should wait before retrying when the database cannot serve. */
const DATABASE_RETRY_AFTER = '5';

/** The one mapping from error codes to HTTP statuses. */
const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LAST_ADMINISTRATOR: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The code of an error that arrives with only a status (Nest's own exceptions, Fastify's errors). */
const CODE_OF: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/**
 * The one mapping from errors to responses. Clients get `{statusCode, error, message,
 * code}` and a request id; never a stack, SQL or a token. Unknown errors are logged with
 * their stack and answered with a plain 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, message, code = CODE_OF[status] } = this.describe(exception, request);
    const body: ApiError & Partial<ImportResult> = {
      statusCode: status,
      error: HTTP_REASONS[status] ?? 'Error',
      message,
      ...(code ? { code } : {}),
      requestId: String(request.id),
      // A refused roster: the verdict of every row, so the console can show them all.
      ...(exception instanceof InvalidImportError ? { rows: [...exception.rows], created: 0 } : {}),
    };
    if (status === 401 || status === 403) {
      // Refusals go to the structured log, never to a table anyone could flood.
      this.logger.warn({
        msg: 'request refused',
        status,
        requestId: request.id,
        method: request.method,
        url: request.routeOptions?.url ?? 'unknown',
      });
    }
    if (status === 503) reply.header('retry-after', DATABASE_RETRY_AFTER);
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }

  private describe(exception: unknown, request: FastifyRequest): { status: number; message: string; code?: ErrorCode } {
    if (exception instanceof DomainError) {
      return {
        status: STATUS_OF[exception.code],
        message: exception.message,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, message: httpMessage(exception) };
    }
    if (exception instanceof DatabaseError) {
      const code = exception.code;
      if (code === '23505')
        return {
          status: 409,
          message: 'This conflicts with an existing record',
        };
      if (code === '22P02' || code === '22021' || code === '22001') return { status: 400, message: 'Invalid input' };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({
        msg: 'database unavailable',
        requestId: request.id,
        error: (exception as Error).message,
      });
      return {
        status: 503,
        message: 'The service is temporarily unavailable; try again shortly',
      };
    }
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, message: fastifyMessage(fastifyStatus) };
    }
    this.logger.error(
      {
        msg: 'unhandled error',
        requestId: request.id,
        method: request.method,
        url: request.routeOptions?.url ?? 'unknown',
      },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      status: 500,
      message: 'Something went wrong; the request id identifies it in the server log',
    };
  }
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function fastifyMessage(status: number): string {
  if (status === 413) return 'The request body is too large';
  if (status === 415) return 'Unsupported content type: send application/json (or text/csv to import invitations)';
  return 'The request is malformed';
}

const HTTP_REASONS: Record<number, string> = Object.fromEntries(
  Object.entries(HttpStatus)
    .filter(([, value]) => typeof value === 'number')
    .map(([key, value]) => [
      value,
      key
        .split('_')
        .map((word) => word[0] + word.slice(1).toLowerCase())
        .join(' '),
    ]),
);
HTTP_REASONS[400] = 'Bad Request';
HTTP_REASONS[401] = 'Unauthorized';
HTTP_REASONS[404] = 'Not Found';
HTTP_REASONS[409] = 'Conflict';
HTTP_REASONS[413] = 'Payload Too Large';
HTTP_REASONS[415] = 'Unsupported Media Type';
HTTP_REASONS[503] = 'Service Unavailable';
