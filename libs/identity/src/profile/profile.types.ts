import type { PlatformRole } from '@app/core';
import type { AvailabilityWindow, Locale } from '../users/user.entity';
import type {
  AnnouncementDelivery,
  BadgeDelivery,
  DigestFrequency,
  ReviewActivityDelivery,
} from './notification-preferences.entity';

export interface QuietHours {
  /** "HH:MM" local; the window may wrap midnight. */
  start: string;
  end: string;
}

export interface NotificationSettings {
  digest: DigestFrequency;
  digestHour: number;
  digestWeekday: number;
  categories: { reminders: boolean; reviewActivity: boolean; announcements: boolean; badges: boolean };
  /** How announcements arrive while `categories.announcements` is on. */
  announcementDelivery: AnnouncementDelivery;
  /** How review activity arrives while `categories.reviewActivity` is on. */
  reviewActivityDelivery: ReviewActivityDelivery;
  /** How "you earned a badge" arrives while `categories.badges` is on. */
  badgeDelivery: BadgeDelivery;
  quietHours: QuietHours | null;
}

/** What a user sees of their own account. */
export interface OwnProfile {
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  bio: string | null;
  timeZone: string;
  locale: Locale;
  role: PlatformRole;
  availability: AvailabilityWindow[];
  /** BCP 47 tags of the languages the person can study in, in their order of preference. */
  languages: string[];
  notifications: NotificationSettings;
  createdAt: Date;
}

/** What anyone signed in sees of another user: never the email. */
export interface PublicProfile {
  id: string;
  displayName: string;
  bio: string | null;
  timeZone: string;
  createdAt: Date;
}

export interface ProfileChanges {
  displayName?: string;
  bio?: string | null;
  timeZone?: string;
  locale?: Locale;
  availability?: AvailabilityWindow[];
  /** Canonical BCP 47 tags (the API canonicalizes them); replaces the list. */
  languages?: string[];
  notifications?: {
    digest?: DigestFrequency;
    digestHour?: number;
    digestWeekday?: number;
    categories?: Partial<NotificationSettings['categories']>;
    announcementDelivery?: AnnouncementDelivery;
    reviewActivityDelivery?: ReviewActivityDelivery;
    badgeDelivery?: BadgeDelivery;
    quietHours?: QuietHours | null;
  };
}
