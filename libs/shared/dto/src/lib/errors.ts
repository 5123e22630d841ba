/**
 * Stable codes of error responses: a client branches on `code`, never on the wording of
 * `message`. Several codes may share one HTTP status (`CONFLICT`, `LAST_ADMINISTRATOR`).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LAST_ADMINISTRATOR',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Body of every error response. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Set for every error the API itself recognises; absent only for unusual statuses. */
  code?: ErrorCode;
  requestId?: string;
}
