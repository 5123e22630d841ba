import type { ApiTokenScope, User } from '@vip/shared-dto';
import type { FastifyRequest } from 'fastify';

/** The API token a request authenticated with: what it is called and what it may reach. */
export interface ApiTokenCaller {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiTokenScope[];
}

export interface AuthRequest extends FastifyRequest {
  /** The person the request acts for; for an API token, the administrator who created it. */
  user: User;
  /** The sign-in session the access token belongs to; none for an API token. */
  sessionId?: string;
  /** Set when the request authenticated with an API token (`vipc_…`) instead of a session. */
  apiToken?: ApiTokenCaller;
}

/** A request on a route no API token reaches (it has no `@Scopes`): it always has a session. */
export interface SessionRequest extends AuthRequest {
  sessionId: string;
}
