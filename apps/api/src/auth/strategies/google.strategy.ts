import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy, type Profile, type StrategyOptions } from 'passport-google-oauth20';
import { AppConfig } from '../../config/app-config';
import type { Identity } from '../../users/identity';
import { AuthService } from '../auth.service';
import { OAuthStateStore } from '../oauth-state.store';

/**
 * Google OAuth 2.0 authorization-code flow with `state` and PKCE (S256). The endpoints
 * come from configuration, so any OAuth 2.0 provider (or a test server) can stand in.
 */
@Injectable()
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor(
    config: AppConfig,
    store: OAuthStateStore,
    private readonly auth: AuthService,
  ) {
    const google = config.google;
    if (!google) throw new Error('GoogleStrategy needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET');
    super({
      clientID: google.clientId,
      clientSecret: google.clientSecret,
      callbackURL: google.callbackUrl,
      authorizationURL: google.authorizationUrl,
      tokenURL: google.tokenUrl,
      userProfileURL: google.userInfoUrl,
      scope: ['openid', 'email', 'profile'],
      pkce: true,
      // The typings predate passport-oauth2's PKCE store signature (5 arguments).
      store: store as unknown as StrategyOptions['store'],
    });
    // Send the provider's access token in a header, not in the userinfo URL's query,
    // where proxies and logs would keep it.
    (
      this as unknown as { _oauth2: { useAuthorizationHeaderforGET(use: boolean): void } }
    )._oauth2.useAuthorizationHeaderforGET(true);
  }

  /** Runs after the code exchange and userinfo call; refuses before anything is written. */
  validate(_accessToken: string, _refreshToken: string, profile: Profile): Identity {
    return this.auth.identityFromGoogle(profile);
  }
}
