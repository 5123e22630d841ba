import { ApiProperty } from '@nestjs/swagger';
import type { AccessTokenResponse, AuthConfigResponse } from '@vip/shared-dto';
import { UserResponse } from '../../users/dto/user.response';

export class AccessTokenResponseDto implements AccessTokenResponse {
  @ApiProperty({
    description: 'Bearer token for `Authorization` (HS256 JWT)',
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiIuLi4ifQ.c2lnbmF0dXJl',
  })
  accessToken!: string;
  @ApiProperty({ example: 900, description: 'Lifetime of the access token in seconds' }) expiresIn!: number;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}

export class AuthConfigResponseDto implements AuthConfigResponse {
  @ApiProperty({ description: 'Google sign-in is configured', example: true }) google!: boolean;
  @ApiProperty({ description: 'Dev sign-in is on (never in production)', example: false }) devLogin!: boolean;
}
