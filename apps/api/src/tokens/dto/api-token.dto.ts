import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  API_TOKEN_EXPIRY_DAYS,
  API_TOKEN_SCOPES,
  MAX_API_TOKEN_NAME_LENGTH,
  type ApiToken,
  type ApiTokenExpiryDays,
  type ApiTokenScope,
  type CreateApiTokenRequest,
  type CreatedApiToken,
} from '@vip/shared-dto';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

export class CreateApiTokenBody implements CreateApiTokenRequest {
  @ApiProperty({ example: 'HR sync', maxLength: MAX_API_TOKEN_NAME_LENGTH, description: 'What the token is for' })
  @IsString()
  @MaxLength(MAX_API_TOKEN_NAME_LENGTH)
  @Matches(/^[^\p{Cc}]*[^\p{Cc}\s][^\p{Cc}]*$/u, { message: 'name must not be blank nor contain control characters' })
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true, example: ['users:read'], minItems: 1 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(API_TOKEN_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_TOKEN_SCOPES, { each: true })
  scopes!: ApiTokenScope[];

  @ApiPropertyOptional({
    enum: API_TOKEN_EXPIRY_DAYS,
    type: Number,
    nullable: true,
    description: 'Days until it expires; absent or null: never',
  })
  @IsOptional()
  @IsIn(API_TOKEN_EXPIRY_DAYS)
  expiresInDays?: ApiTokenExpiryDays | null;
}

class ApiTokenCreatorResponse {
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
}

export class ApiTokenResponse implements ApiToken {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HR sync' }) name!: string;
  @ApiProperty({ example: 'vipc_Ab3dE9x', description: 'The first 12 characters of the secret' }) prefix!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true }) scopes!: ApiTokenScope[];
  @ApiProperty({ type: ApiTokenCreatorResponse, nullable: true, description: 'null once that account is deleted' })
  createdBy!: ApiTokenCreatorResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'To the minute' })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: never expires' })
  expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedApiTokenResponse implements CreatedApiToken {
  @ApiProperty({ type: ApiTokenResponse }) token!: ApiTokenResponse;
  @ApiProperty({
    example: 'vipc_Ab3dE9xQ2mT7kL0pR5sV8wY1zC4fH6jN9bG3dK7eM2a',
    description: 'Shown only here: send it as `Authorization: Bearer vipc_…`',
  })
  secret!: string;
}
