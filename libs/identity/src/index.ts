export { IdentityModule } from './identity.module';
export { IdentityError, IdentityErrorCode } from './identity.errors';
export { AccessTokens } from './sessions/access-tokens';
export { RegistrationService, type Registration } from './auth/registration.service';
export { SessionService, type PasswordChange, type SessionTokens } from './auth/session.service';
export { PasswordResetService } from './auth/password-reset.service';
export { ProfileService } from './profile/profile.service';
export { AccountDataService, type DataExport } from './data-rights/account-data.service';
export { UserPolicy, UserAction } from './users/user.policy';
export { UserRepository } from './users/user.repository';
export { User, SUPPORTED_LOCALES, type Locale, type AvailabilityWindow } from './users/user.entity';
export {
  AnnouncementDelivery,
  ReviewActivityDelivery,
  BadgeDelivery,
  DigestFrequency,
  NotificationPreferences,
} from './profile/notification-preferences.entity';
export type {
  OwnProfile,
  PublicProfile,
  ProfileChanges,
  NotificationSettings,
  QuietHours,
} from './profile/profile.types';
export { NotificationSwitches, NotificationSwitch } from './profile/notification-switches';
export { IdentityMailKind } from './mail/identity-mails';
export { PasswordHasher } from './credentials/password-hasher';
export { IdentityEvent } from './identity.events';
export { VerifiedEmailPolicy } from './verification/verified-email.policy';
export { IDENTITY_READ_VIEWS } from './identity-read-views';
