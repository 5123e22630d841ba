import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SIGN_IN_ERRORS, type SignInError } from '@vip/shared-dto';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { OAUTH_REPLY, type OAuthRequest } from '../oauth-state.store';
import { SignInRefusedError } from '../sign-in-refused.error';
import type { Identity } from '../../users/identity';

/** What the callback hands to the controller: an identity, or why there is none. */
export type GoogleOutcome = { identity: Identity } | { error: SignInError; email?: string };

/**
 * Runs passport's Google strategy on Fastify. Start: passport answers with the redirect
 * to Google. Callback: never throws; the outcome lands on `request.google` and the
 * controller turns it into a redirect.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
  private readonly logger = new Logger('GoogleSignIn');

  constructor(protected readonly config: AppConfig) {
    super({ property: 'google', session: false });
  }

  override canActivate(ctx: ExecutionContext) {
    if (!this.config.google) throw new NotFoundError('Google sign-in is not configured');
    return super.canActivate(ctx);
  }

  override getAuthenticateOptions(ctx: ExecutionContext) {
    const { query } = ctx.switchToHttp().getRequest<OAuthRequest>();
    const hint = (query as Record<string, unknown>)['login_hint'];
    return {
      prompt: 'select_account',
      ...(typeof hint === 'string' && hint.length <= 1024 ? { loginHint: hint } : {}),
    };
  }

  override getRequest(ctx: ExecutionContext): OAuthRequest {
    const http = ctx.switchToHttp();
    const request = http.getRequest<OAuthRequest>();
    request[OAUTH_REPLY] = http.getResponse<FastifyReply>();
    return request;
  }

  /** passport speaks Node's `ServerResponse`; give it just what its redirect uses. */
  getResponse(ctx: ExecutionContext) {
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    return {
      set statusCode(code: number) {
        reply.status(code);
      },
      setHeader: (name: string, value: string) => reply.header(name, value),
      end: () => reply.send(),
    };
  }

  override handleRequest<T = GoogleOutcome>(error: unknown, identity: Identity | false, info: unknown, ctx: ExecutionContext): T {
    const { query } = ctx.switchToHttp().getRequest<OAuthRequest>();
    const result = outcome(error, identity, info, (query as Record<string, unknown>)['error']);
    if ('error' in result && result.error === 'provider_error') {
      // The provider's own wording helps operators; it never carries tokens.
      this.logger.warn(`Google sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return result as T;
  }
}

function outcome(error: unknown, identity: Identity | false, info: unknown, providerError: unknown): GoogleOutcome {
  if (error instanceof SignInRefusedError) return { error: error.code, email: error.email };
  if (providerError === 'access_denied') return { error: 'access_denied' };
  if (error) return { error: 'provider_error' };
  if (identity) return { identity };
  const message = (info as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string' && (SIGN_IN_ERRORS as readonly string[]).includes(message)) {
    return { error: message as SignInError };
  }
  return { error: 'invalid_state' };
}

/** The callback: without `code` or `error` there is nothing to finish (and no new redirect). */
@Injectable()
export class GoogleCallbackGuard extends GoogleAuthGuard {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<OAuthRequest & { google?: GoogleOutcome }>();
    const query = request.query as Record<string, unknown>;
    if (typeof query['code'] !== 'string' && typeof query['error'] !== 'string') {
      if (!this.config.google) throw new NotFoundError('Google sign-in is not configured');
      request.google = { error: 'invalid_state' };
      return true;
    }
    return (await super.canActivate(ctx)) as boolean;
  }
}
