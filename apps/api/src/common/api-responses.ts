import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponse } from './api-error.response';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown fields, wrong types or values out of range',
  401: 'Missing, malformed, forged or expired access token, or the user no longer exists',
  403: "The caller's current role does not admit this",
  404: 'No such resource',
  409: 'The change would leave no administrator',
  503: 'The database does not answer',
};

/** Documents error responses with the shared error body. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ApiErrorResponse })));

/** A route that needs a bearer token (and so may answer 401 and 403). */
export const ApiAuthenticated = () => applyDecorators(ApiBearerAuth(), ApiErrors(401, 403));
