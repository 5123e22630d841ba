import type { User } from '@vip/shared-dto';
import type { FastifyRequest } from 'fastify';

export interface AuthRequest extends FastifyRequest {
  user: User;
  /** The sign-in session the access token belongs to. */
  sessionId: string;
}
