import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { ApiTokenScope } from '@vip/shared-dto';

export const TOKEN_SCOPES = 'vip:tokenScopes';
/** The OpenAPI security scheme of API tokens (`Authorization: Bearer vipc_…`). */
export const API_TOKEN_SECURITY = 'apiToken';

/**
 * Opens a route to API tokens holding one of these scopes (and documents it in OpenAPI).
 * A route without it refuses every token with 403, whatever the token holds: deny by default.
 */
export const Scopes = (...scopes: ApiTokenScope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(TOKEN_SCOPES, scopes), ApiBearerAuth(API_TOKEN_SECURITY));
