import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/core';
import { MailModule } from '@app/mail';
import { PasswordResetService } from './auth/password-reset.service';
import { RegistrationService } from './auth/registration.service';
import { SessionService } from './auth/session.service';
import { AuthRateLimits } from './credentials/auth-rate-limits';
import { PasswordHasher } from './credentials/password-hasher';
import { AccountDataService } from './data-rights/account-data.service';
import { IdentityPersonalData } from './data-rights/identity-personal-data';
import { PasswordResetComposer, VerifyEmailComposer } from './mail/identity-composers';
import { IdentityMails } from './mail/identity-mails';
import { NotificationPreferences } from './profile/notification-preferences.entity';
import { NotificationSwitches } from './profile/notification-switches';
import { ProfileService } from './profile/profile.service';
import { AccessTokens } from './sessions/access-tokens';
import { RefreshToken } from './sessions/refresh-token.entity';
import { RefreshTokens } from './sessions/refresh-tokens';
import { SessionHolders } from './sessions/session-holders.repository';
import { UserToken } from './tokens/user-token.entity';
import { UserTokens } from './tokens/user-tokens';
import { User } from './users/user.entity';
import { UserPolicy } from './users/user.policy';
import { UserRepository } from './users/user.repository';
import { UnverifiedAddressGate } from './verification/unverified-address.gate';
import { VerifiedEmailPolicy } from './verification/verified-email.policy';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, NotificationPreferences, RefreshToken, UserToken]),
    MailModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // One key object for the process: given the secret as a string, jsonwebtoken first tries it as a PEM public
        // key and builds a key object on every request (a tenth of the API's CPU under load).
        const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS },
        };
      },
    }),
  ],
  providers: [
    AccessTokens,
    AccountDataService,
    AuthRateLimits,
    IdentityMails,
    IdentityPersonalData,
    NotificationSwitches,
    PasswordHasher,
    PasswordResetComposer,
    PasswordResetService,
    ProfileService,
    RefreshTokens,
    RegistrationService,
    SessionHolders,
    SessionService,
    UserPolicy,
    UserRepository,
    UserTokens,
    UnverifiedAddressGate,
    VerifiedEmailPolicy,
    VerifyEmailComposer,
  ],
  exports: [
    AccessTokens,
    AccountDataService,
    NotificationSwitches,
    PasswordResetService,
    ProfileService,
    RegistrationService,
    SessionService,
    UserPolicy,
    UserRepository,
    VerifiedEmailPolicy,
  ],
})
export class IdentityModule {}
