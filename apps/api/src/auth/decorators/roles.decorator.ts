import { Reflector } from '@nestjs/core';
import type { Role } from '@vip/shared-dto';

/** Narrows a route (or controller) to the listed roles. */
export const Roles = Reflector.createDecorator<Role[]>();

/** Marks a route as open to every signed-in role, so the route audit sees a decision. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles([]);

/**
 * Opens a route to people whose account waits for approval (`pending`). Every other
 * route refuses them: deny by default.
 */
export const AllowPending = Reflector.createDecorator<true>({ transform: () => true });
