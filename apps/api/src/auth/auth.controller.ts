import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { AccessTokenResponse, AuthConfigResponse, User } from '@vip/shared-dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAuthenticated, ApiErrors, SECURITY } from '../common/api-responses';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { requestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { UserResponse } from '../users/dto/user.response';
import { AuthService } from './auth.service';
import { clearCookie, readCookie, SESSION_COOKIE, sessionCookieOptions, setCookie } from './cookies';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { AllowPending, AnyRole } from './decorators/roles.decorator';
import { AccessTokenResponseDto, AuthConfigResponseDto } from './dto/auth.responses';
import { DevLoginBody } from './dto/dev-login.body';
import { GoogleAuthGuard, GoogleCallbackGuard, type GoogleOutcome } from './guards/google-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @Public()
  @Get('config')
  @ApiOperation({ operationId: 'getAuthConfig', summary: 'Which sign-in methods the console may offer' })
  @ApiOkResponse({ type: AuthConfigResponseDto })
  authConfig(): AuthConfigResponse {
    return { google: Boolean(this.config.google), devLogin: this.config.devLogin };
  }

  @Public()
  @Get('google')
  @UseGuards(GoogleAuthGuard)
  @ApiOperation({
    operationId: 'signInWithGoogle',
    summary: "Start a Google sign-in: redirect to Google's consent page (state + PKCE S256)",
  })
  @ApiQuery({
    name: 'login_hint',
    required: false,
    description: 'Email to preselect at Google',
    example: 'ada@example.com',
  })
  @ApiFoundResponse({ description: 'Redirect to the authorization URL' })
  @ApiErrors(404)
  startGoogle(@Res() reply: FastifyReply): void {
    // Reached only when the sign-in could not even start (passport redirects otherwise).
    this.failSignIn(reply, 'provider_error');
  }

  @Public()
  @Get('google/callback')
  @UseGuards(GoogleCallbackGuard)
  @ApiOperation({
    operationId: 'finishGoogleSignIn',
    summary: 'Finish a Google sign-in',
    description:
      'Success: sets the session cookie, redirects to ADMIN_URL. Failure: redirects to ADMIN_URL + `login?error=<code>` (`account_disabled`, `not_invited`, `domain_not_allowed`, …).',
  })
  @ApiFoundResponse({ description: 'Redirect to the admin console' })
  async googleCallback(
    @Req() request: FastifyRequest & { google: GoogleOutcome },
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const signedIn = await this.auth.finishGoogleSignIn(request.google, requestContext(request));
    if ('error' in signedIn) {
      this.metrics.signIn(signedIn.error);
      return this.failSignIn(reply, signedIn.error);
    }
    this.metrics.signIn('success');
    this.setSession(reply, signedIn.sessionToken, signedIn.sessionMaxAge);
    reply.redirect(this.config.adminUrl, 302);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiCookieAuth(SECURITY.session)
  @ApiOperation({
    operationId: 'refreshAccessToken',
    summary: 'Trade the session cookie for an access token',
    description:
      "Rotates the cookie. The request's `Origin` must be ADMIN_URL's origin. The cookie a refresh replaced still works for " +
      '30 s (answered without a new cookie); used later, it revokes the session. A refused refresh leaves the cookie alone.',
  })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiErrors(401, 403)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    if (request.headers.origin !== this.config.adminOrigin) {
      throw new ForbiddenError('Refresh is only allowed from the admin console');
    }
    // A refused refresh sets no cookie: the browser may already hold a newer one (another
    // tab refreshed or signed in again), which a clearing cookie would destroy.
    const result = await this.auth.refresh(readCookie(request, SESSION_COOKIE), requestContext(request));
    if (result.session) this.setSession(reply, result.session.token, result.session.maxAge);
    reply.header('cache-control', 'no-store');
    return result.response;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth(SECURITY.session)
  @ApiOperation({ operationId: 'signOut', summary: 'End the session and clear its cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(readCookie(request, SESSION_COOKIE), requestContext(request));
    clearCookie(reply, SESSION_COOKIE, sessionCookieOptions(this.config));
  }

  @Public()
  @Post('dev-login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'devSignIn',
    summary: 'Sign in without Google (development only)',
    description: 'Exists only while dev sign-in is on, never in production; otherwise 404.',
  })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiErrors(400, 403, 404)
  async devLogin(
    @Body() body: DevLoginBody,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    if (!this.config.devLogin) throw new NotFoundError('Cannot POST /api/auth/dev-login');
    const email = body.email.toLowerCase();
    const context = requestContext(request);
    const signedIn = await this.auth.devSignIn(
      { provider: 'dev', subject: email, email, name: body.name, picture: null },
      context,
    );
    this.setSession(reply, signedIn.sessionToken, signedIn.sessionMaxAge);
    return this.auth.tokenResponse(signedIn.user, signedIn.sessionId);
  }

  @AnyRole()
  @AllowPending()
  @Get('me')
  @ApiAuthenticated()
  @ApiOperation({
    operationId: 'getCurrentUser',
    summary: 'The signed-in caller',
    description: 'Answers pending accounts too (their `status` says they wait for approval).',
  })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: User): User {
    return user;
  }

  private setSession(reply: FastifyReply, token: string, maxAge: number): void {
    setCookie(reply, SESSION_COOKIE, token, { ...sessionCookieOptions(this.config), maxAge });
  }

  private failSignIn(reply: FastifyReply, code: string): void {
    reply.redirect(`${this.config.adminUrl}login?error=${encodeURIComponent(code)}`, 302);
  }
}
