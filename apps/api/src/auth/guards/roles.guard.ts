import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserStatus } from '@vip/shared-dto';
import { ForbiddenError } from '../../common/errors';
import type { AuthRequest } from '../auth-request';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { AllowPending, Roles } from '../decorators/roles.decorator';
import { TOKEN_SCOPES } from '../decorators/scopes.decorator';

/**
 * Global, second: the caller's current role must be one the route admits, and a pending
 * account reaches only the routes marked `@AllowPending()`. An API token reaches only
 * routes whose `@Scopes` include one of its scopes.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride(Roles, targets);
    const { user, apiToken } = ctx.switchToHttp().getRequest<AuthRequest>();
    // Deny by default: a route must say whom it admits (`@Roles`, `@AnyRole`, `@Public`).
    if (required === undefined) throw new ForbiddenError('This route admits nobody');
    if (apiToken) {
      const scopes = this.reflector.getAllAndOverride<string[] | undefined>(TOKEN_SCOPES, targets) ?? [];
      if (!scopes.some((scope) => (apiToken.scopes as readonly string[]).includes(scope))) {
        throw new ForbiddenError(
          scopes.length
            ? `This needs an API token with the scope ${scopes.join(' or ')}`
            : 'API tokens cannot call this',
        );
      }
    }
    if (user.status === UserStatus.Pending && !this.reflector.getAllAndOverride(AllowPending, targets)) {
      throw new ForbiddenError('Your account waits for an administrator to approve it');
    }
    if (required.length === 0 || required.includes(user.role)) return true;
    throw new ForbiddenError(`This needs the role ${required.join(' or ')}`);
  }
}
