import { NotificationSwitch } from '@app/identity';
import { CATEGORY_OF_MAIL, NotificationCategory } from '../schedule/notification-kind';

/** Every email kind a person can turn off with one click (all of this domain's), and the category that does it. */
const CATEGORY_OF_ANY_MAIL: ReadonlyMap<string, NotificationCategory> = new Map<string, NotificationCategory>(
  Object.entries(CATEGORY_OF_MAIL),
);

/** The category of an email kind; null for mail nobody may opt out of (verification, password reset). */
export function categoryOfMail(kind: string): NotificationCategory | null {
  return CATEGORY_OF_ANY_MAIL.get(kind) ?? null;
}

/** The preference switch of each category (the identity library owns the preferences and turns them off). */
export const SWITCH_OF_CATEGORY: { readonly [C in NotificationCategory]: NotificationSwitch } = {
  [NotificationCategory.Digest]: NotificationSwitch.Digest,
  [NotificationCategory.Reminders]: NotificationSwitch.Reminders,
  [NotificationCategory.Announcements]: NotificationSwitch.Announcements,
  [NotificationCategory.ReviewActivity]: NotificationSwitch.ReviewActivity,
  [NotificationCategory.Badges]: NotificationSwitch.Badges,
};
