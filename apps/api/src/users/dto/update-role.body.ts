import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type UpdateRoleRequest } from '@vip/shared-dto';
import { IsIn } from 'class-validator';

export class UpdateRoleBody implements UpdateRoleRequest {
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'driver' })
  @IsIn(ROLES)
  role!: Role;
}
