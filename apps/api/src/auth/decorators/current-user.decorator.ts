import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { User } from '@vip/shared-dto';
import type { AuthRequest } from '../auth-request';

/** The signed-in caller, as loaded from the database for this request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): User => ctx.switchToHttp().getRequest<AuthRequest>().user,
);
