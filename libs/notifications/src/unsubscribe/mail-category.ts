import { CATEGORY_OF_MAIL, NotificationCategory } from '../schedule/notification-kind';

/** Every email kind a person can turn off with one click (all of this domain's), and the category that does it. */
const CATEGORY_OF_ANY_MAIL: ReadonlyMap<string, NotificationCategory> = new Map<string, NotificationCategory>(
  Object.entries(CATEGORY_OF_MAIL),
);

/** The category of an email kind; null for mail nobody may opt out of (verification, password reset). */
export function categoryOfMail(kind: string): NotificationCategory | null {
  return CATEGORY_OF_ANY_MAIL.get(kind) ?? null;
}

/** The preference columns of one category: how to turn it off, and how to tell it is off. */
export const PREFERENCE_OF_CATEGORY: {
  readonly [C in NotificationCategory]: { turnOff: string; isOff: string };
} = {
  [NotificationCategory.Digest]: { turnOff: `digest = 'off'`, isOff: `digest = 'off'` },
  [NotificationCategory.Reminders]: { turnOff: 'reminders = false', isOff: 'NOT reminders' },
  [NotificationCategory.Announcements]: { turnOff: 'announcements = false', isOff: 'NOT announcements' },
};
