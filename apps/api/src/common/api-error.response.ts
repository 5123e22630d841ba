import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiError } from '@vip/shared-dto';

/** OpenAPI shape of every error body. */
export class ApiErrorResponse implements ApiError {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'Conflict' }) error!: string;
  @ApiProperty({ example: 'At least one administrator must remain: this change would leave none' }) message!: string;
  @ApiPropertyOptional({ description: 'Correlates the response with the server log', example: 'req-1f' })
  requestId?: string;
}
