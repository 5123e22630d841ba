import { BadRequestException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { ApiError } from '@vip/shared-dto';
import { DatabaseError } from 'pg';
import {
  ConflictError,
  ForbiddenError,
  LastAdministratorError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '../errors';
import { ApiExceptionFilter } from './api-exception.filter';

function answer(exception: unknown): ApiError {
  let sent: ApiError | undefined;
  const reply = {
    status: () => reply,
    header: () => reply,
    send: (body: ApiError) => (sent = body),
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'req-1', method: 'GET' }),
      getResponse: () => reply,
    }),
  } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  if (!sent) throw new Error('the filter sent nothing');
  return sent;
}

describe('ApiExceptionFilter', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  it.each([
    [new ValidationError('bad'), 400, 'VALIDATION'],
    [new UnauthorizedError('who?'), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError('no'), 403, 'FORBIDDEN'],
    [new NotFoundError('gone'), 404, 'NOT_FOUND'],
    [new ConflictError('taken'), 409, 'CONFLICT'],
    [new LastAdministratorError(), 409, 'LAST_ADMINISTRATOR'],
    [new UnavailableError('down'), 503, 'UNAVAILABLE'],
  ])('maps %p to its status and keeps its code', (error, status, code) => {
    expect(answer(error)).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: error.message,
      code,
      requestId: 'req-1',
    });
  });

  it('gives framework, PostgreSQL and Fastify errors the code of their status', () => {
    expect(answer(new BadRequestException(['name must be a string']))).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION',
      message: 'name must be a string',
    });
    const duplicate = Object.assign(
      new DatabaseError('duplicate key value violates unique constraint "users_email_key"', 1, 'error'),
      { code: '23505' },
    );
    expect(answer(duplicate)).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'This conflicts with an existing record',
    });
    expect(answer(Object.assign(new Error('body too large'), { statusCode: 413 }))).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('answers anything else with a plain 500 that carries no detail', () => {
    const body = answer(new Error('SELECT secret FROM vault'));
    expect(body).toMatchObject({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'INTERNAL',
    });
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
