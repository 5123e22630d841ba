import { ApiProperty } from '@nestjs/swagger';
import type { DevLoginRequest } from '@vip/shared-dto';
import { IsEmail, IsString, Length, Matches } from 'class-validator';

export class DevLoginBody implements DevLoginRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @Length(3, 320)
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 255)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name!: string;
}
