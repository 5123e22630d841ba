import { Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { InvitationsModule } from '../invitations/invitations.module';
import { SettingsModule } from '../settings/settings.module';
import { ApiTokensModule } from '../tokens/api-tokens.module';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './guards/authentication.guard';
import { RolesGuard } from './guards/roles.guard';
import { OAuthStatePruner } from './oauth-state.pruner';
import { OAuthStateStore } from './oauth-state.store';
import { OpenDeploymentCheck } from './open-deployment.check';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInRules } from './sign-in.rules';
import { GoogleStrategy } from './strategies/google.strategy';

/** Registered only when a Google client is configured (passport needs its id). */
const googleStrategy: Provider = {
  provide: GoogleStrategy,
  inject: [AppConfig, OAuthStateStore, AuthService],
  useFactory: (config: AppConfig, store: OAuthStateStore, auth: AuthService) =>
    config.google ? new GoogleStrategy(config, store, auth) : null,
};

@Module({
  imports: [
    UsersModule,
    AuditModule,
    InvitationsModule,
    SettingsModule,
    ApiTokensModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise re-parses the secret on
        // every call (about 0.4 ms against 8 µs).
        secretOrKeyProvider: () => config.jwtKey,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, SessionsController],
  providers: [
    AccessTokens,
    AuthService,
    SignInRules,
    OpenDeploymentCheck,
    SessionsService,
    OAuthStateStore,
    OAuthStatePruner,
    googleStrategy,
    // Order matters: authenticate first, then check the role.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
