import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ApiErrorResponse } from './api-error.response';

/** Names of the OpenAPI security schemes (`components.securitySchemes`). */
export const SECURITY = {
  /** The short-lived JWT of a sign-in session (`POST /api/auth/refresh`). */
  accessToken: 'bearer',
  /** An API token (`vipc_…`) for integrations. */
  apiToken: 'apiToken',
  /** The httpOnly session cookie, for `POST /api/auth/refresh` and `/logout` only. */
  session: 'session',
  /** `METRICS_TOKEN`, for `/api/metrics` only. */
  metricsToken: 'metricsToken',
} as const;

/** Each status with the `code`s it may carry (`ApiErrorResponse.code`). */
const DESCRIPTIONS: Record<number, string> = {
  400: '`VALIDATION`: unknown fields, wrong types or values out of range',
  401: '`UNAUTHENTICATED`: missing, malformed, forged or expired access token, or the user no longer exists; a revoked, expired or unknown API token, or one whose creator is no longer an active administrator',
  403: "`FORBIDDEN`: the caller's current role does not admit this, or the API token's scopes do not cover it",
  404: '`NOT_FOUND`: no such resource',
  409: '`LAST_ADMINISTRATOR`: the change would leave no active administrator; `CONFLICT`: it clashes with an existing record or the current state (see the description)',
  413: '`PAYLOAD_TOO_LARGE`: the request body is too large',
  415: '`UNSUPPORTED_MEDIA_TYPE`: the content type is not accepted',
  503: '`UNAVAILABLE`: the database does not answer',
};

/** Documents error responses with the shared error body. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        type: ApiErrorResponse,
      }),
    ),
  );

/**
 * A route that needs a bearer token (and so may answer 401 and 403): a session's access
 * token; `@Scopes(…)` on a route also admits, and documents, API tokens (`vipc_…`).
 */
export const ApiAuthenticated = () => applyDecorators(ApiBearerAuth(SECURITY.accessToken), ApiErrors(401, 403));
