import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { ApiTokenScope } from '@vip/shared-dto';
import { SECURITY } from '../../common/api-responses';

export const TOKEN_SCOPES = 'vip:tokenScopes';

/**
 * Opens a route to API tokens holding one of these scopes (and documents it in OpenAPI).
 * A route without it refuses every token with 403, whatever the token holds: deny by default.
 */
export const Scopes = (...scopes: ApiTokenScope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(TOKEN_SCOPES, scopes), ApiSecurity(SECURITY.apiToken));
