import { ApiProperty } from '@nestjs/swagger';
import type { Session } from '@vip/shared-dto';

export class SessionResponse implements Session {
  @ApiProperty({ format: 'uuid', example: '5d2e7a90-3b1c-4f6e-8d4a-9c0b1e2f3a4b' }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T08:45:00.000Z', description: 'Last sign-in or refresh' })
  lastUsedAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-30T09:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
    description: 'Browser (User-Agent) that signed in',
  })
  userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' }) ip!: string | null;
  @ApiProperty({ description: "The session of the caller's own access token", example: true }) current!: boolean;
}
