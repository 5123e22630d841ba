import { ApiProperty } from '@nestjs/swagger';
import type { Session } from '@vip/shared-dto';

export class SessionResponse implements Session {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Last sign-in or refresh' }) lastUsedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Browser (User-Agent) that signed in' }) userAgent!:
    | string
    | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ description: "The session of the caller's own access token" }) current!: boolean;
}
