import { ApiProperty } from '@nestjs/swagger';
import { DEFAULT_ROLES, SIGN_UP_POLICIES, type DefaultRole, type Settings, type SignUpPolicy } from '@vip/shared-dto';
import { IsIn } from 'class-validator';

/** `Settings`, as the answer and as the body of `PUT /api/settings`. */
export class SettingsDto implements Settings {
  @ApiProperty({
    enum: SIGN_UP_POLICIES,
    enumName: 'SignUpPolicy',
    example: 'approval',
    description:
      '`open`: a new verified account becomes active with the default role; `approval`: it waits, pending, for an administrator; `invitation`: only invited emails may sign up',
  })
  @IsIn(SIGN_UP_POLICIES)
  signUpPolicy!: SignUpPolicy;

  @ApiProperty({
    enum: DEFAULT_ROLES,
    enumName: 'DefaultRole',
    example: 'coordinator',
    description: 'Role of accounts created by signing up (invitations carry their own)',
  })
  @IsIn(DEFAULT_ROLES)
  defaultRole!: DefaultRole;
}
