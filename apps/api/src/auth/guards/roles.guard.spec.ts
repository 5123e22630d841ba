import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@vip/shared-dto';
import { ForbiddenError } from '../../common/errors';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { Roles } from '../decorators/roles.decorator';
import { RolesGuard } from './roles.guard';

function contextFor(metadata: Record<string, unknown>, role: Role | undefined): ExecutionContext {
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ user: role && { role } }) }),
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

  it('refuses a route that declares nothing: deny by default', () => {
    expect(() => guard.canActivate(contextFor({}, Role.Administrator))).toThrow(ForbiddenError);
  });
});
