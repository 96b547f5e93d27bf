/**
 * The views the identity library defines (migration IdentityCourseMailReadViews) for libraries above it to read
 * people in their own set queries (names, zones, locales, addresses). Never the password hash or the session
 * version. Their columns are a promise: change a table under them, keep the view.
 */
export const IDENTITY_READ_VIEWS = {
  /** (id, email, email_verified_at, display_name, bio, time_zone, locale, role, availability, languages, deleted_at, created_at) */
  people: 'identity_people',
  /** Every column of a person's notification preferences (no row: the defaults). */
  notificationSettings: 'identity_notification_settings',
} as const;
