import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ApiError, type ErrorCode } from '@vip/shared-dto';

/** OpenAPI shape of every error body. */
export class ApiErrorResponse implements ApiError {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'Conflict' }) error!: string;
  @ApiProperty({
    example: 'At least one administrator must remain: this change would leave none',
  })
  message!: string;
  @ApiPropertyOptional({
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    description: 'Stable and machine-readable: branch on it, not on `message`. Several codes may share one status.',
    example: 'LAST_ADMINISTRATOR',
  })
  code?: ErrorCode;
  @ApiPropertyOptional({
    description: 'Correlates the response with the server log',
    example: 'req-1f',
  })
  requestId?: string;
}
