import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { SIGN_IN_ERRORS, type SignInError } from '@vip/shared-dto';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { OAUTH_REPLY, OAuthStateStore, STATE_TAKEN, type OAuthRequest } from '../oauth-state.store';
import { SignInRefusedError } from '../sign-in-refused.error';
import type { Identity } from '../../users/identity';

/**
 * What the callback hands to the controller: an identity, or why there is none.
 * `attempt`: the callback carried a valid, unused state of ours, so it is a real sign-in
 * attempt (worth an audit row) and not a stray or forged request.
 */
export type GoogleOutcome = { identity: Identity } | SignInRefusal;
export interface SignInRefusal {
  error: SignInError;
  email?: string;
  attempt: boolean;
}

/**
 * Runs passport's Google strategy on Fastify. Start: passport answers with the redirect
 * to Google. Callback: never throws; the outcome lands on `request.google` and the
 * controller turns it into a redirect.
 */
@Injectable()
export class GoogleAuthGuard extends AuthGuard('google') {
  protected readonly logger = new Logger('GoogleSignIn');

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

  override handleRequest<T = GoogleOutcome>(
    error: unknown,
    identity: Identity | false,
    info: unknown,
    ctx: ExecutionContext,
  ): T {
    const request = ctx.switchToHttp().getRequest<OAuthRequest>();
    const result = outcome(error, identity, info, request[STATE_TAKEN] === true);
    if ('error' in result && result.error === 'provider_error') {
      // The provider's own wording helps operators; it never carries tokens.
      this.logger.warn(`Google sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return result as T;
  }
}

function outcome(error: unknown, identity: Identity | false, info: unknown, attempt: boolean): GoogleOutcome {
  if (error instanceof SignInRefusedError) return { error: error.code, email: error.email, attempt };
  if (error) return { error: 'provider_error', attempt };
  if (identity) return { identity };
  const message = (info as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string' && (SIGN_IN_ERRORS as readonly string[]).includes(message)) {
    return { error: message as SignInError, attempt };
  }
  return { error: 'invalid_state', attempt };
}

/**
 * The callback. Without `code` or `error` there is nothing to finish (and no new
 * redirect). With `error` (the person or Google refused), passport would not look at the
 * state, so the state is checked and used up here: only then is it a real attempt.
 */
@Injectable()
export class GoogleCallbackGuard extends GoogleAuthGuard {
  constructor(
    config: AppConfig,
    private readonly states: OAuthStateStore,
  ) {
    super(config);
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (!this.config.google) throw new NotFoundError('Google sign-in is not configured');
    const request = this.getRequest(ctx) as OAuthRequest & { google?: GoogleOutcome };
    const query = request.query as Record<string, unknown>;
    const providerError = query['error'];
    if (typeof providerError === 'string') {
      const attempt = (await this.states.take(request, query['state'])) !== undefined;
      request.google = { error: providerError === 'access_denied' ? 'access_denied' : 'provider_error', attempt };
      if (attempt && providerError !== 'access_denied')
        this.logger.warn(`Google refused a sign-in: ${providerError.slice(0, 100)}`);
      return true;
    }
    if (typeof query['code'] !== 'string') {
      request.google = { error: 'invalid_state', attempt: false };
      return true;
    }
    return (await super.canActivate(ctx)) as boolean;
  }
}
