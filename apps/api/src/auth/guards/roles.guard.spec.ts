import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@vip/shared-dto';
import { ForbiddenError } from '../../common/errors';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { Roles } from '../decorators/roles.decorator';
import { TOKEN_SCOPES } from '../decorators/scopes.decorator';
import { RolesGuard } from './roles.guard';

function contextFor(
  metadata: Record<string, unknown>,
  role: Role | undefined,
  apiToken?: { scopes: string[] },
): ExecutionContext {
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ user: role && { role }, apiToken }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('admits public routes without a user', () => {
    expect(guard.canActivate(contextFor({ [IS_PUBLIC]: true }, undefined))).toBe(true);
  });

  it('admits a listed role and refuses others', () => {
    const admins = { [Roles.KEY]: [Role.Administrator] };
    expect(guard.canActivate(contextFor(admins, Role.Administrator))).toBe(true);
    expect(() => guard.canActivate(contextFor(admins, Role.Driver))).toThrow(ForbiddenError);
  });

  it('admits every role on a route marked for any role', () => {
    expect(guard.canActivate(contextFor({ [Roles.KEY]: [] }, Role.Driver))).toBe(true);
  });

  describe('API tokens', () => {
    const admins = { [Roles.KEY]: [Role.Administrator] };
    const read = { scopes: ['users:read'] };

    it('admits a token on a route whose scopes include one of its own', () => {
      const route = { ...admins, [TOKEN_SCOPES]: ['users:read'] };
      expect(guard.canActivate(contextFor(route, Role.Administrator, read))).toBe(true);
      const either = { ...admins, [TOKEN_SCOPES]: ['users:write', 'users:read'] };
      expect(guard.canActivate(contextFor(either, Role.Administrator, read))).toBe(true);
    });

    it('refuses a token whose scopes the route does not list', () => {
      const route = { ...admins, [TOKEN_SCOPES]: ['users:write'] };
      expect(() => guard.canActivate(contextFor(route, Role.Administrator, read))).toThrow(ForbiddenError);
    });

    it('refuses every token on a route without scopes, even one open to any role', () => {
      const all = { scopes: ['users:read', 'users:write', 'audit:read'] };
      expect(() => guard.canActivate(contextFor(admins, Role.Administrator, all))).toThrow(ForbiddenError);
      expect(() => guard.canActivate(contextFor({ [Roles.KEY]: [] }, Role.Administrator, all))).toThrow(ForbiddenError);
    });
  });

  it('refuses a route that declares nothing: deny by default', () => {
    expect(() => guard.canActivate(contextFor({}, Role.Administrator))).toThrow(ForbiddenError);
  });
});
