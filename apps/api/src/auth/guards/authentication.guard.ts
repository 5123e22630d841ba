import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '../../common/errors';
import { ApiTokenSecrets } from '../../tokens/api-token-secrets';
import { ApiTokensService } from '../../tokens/api-tokens.service';
import { UsersService } from '../../users/users.service';
import { AccessTokens } from '../access-tokens';
import type { AuthRequest } from '../auth-request';
import { IS_PUBLIC } from '../decorators/public.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global, first: a bearer token must be valid, its session live and its user still there
 * and not disabled. One lookup per request (user joined to session), so a role change,
 * a deletion, a disabling or a revoked session bites on the next request, on every instance.
 * An API token (`vipc_…`) is looked up the same way, per request: revoking it bites at once.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const request = ctx.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token && ApiTokenSecrets.claims(token)) {
      const caller = await this.apiTokens.authenticate(token);
      if (!caller) throw new UnauthorizedError('A valid API token is required');
      request.user = caller.user;
      request.apiToken = caller.token;
      return true;
    }
    const subject = token ? this.tokens.verify(token) : undefined;
    if (!subject || !UUID.test(subject.userId) || !UUID.test(subject.sessionId)) {
      throw new UnauthorizedError('A valid access token is required');
    }
    const user = await this.users.findCaller(subject.userId, subject.sessionId);
    if (!user) throw new UnauthorizedError('A valid access token is required');
    request.user = user;
    request.sessionId = subject.sessionId;
    return true;
  }
}
