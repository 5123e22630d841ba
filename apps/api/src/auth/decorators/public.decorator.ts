import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vip:isPublic';

/** Opens a route to everyone; every other route needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
