import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The preference switches a person may turn off with one click, each a column of `notification_preferences`. */
export enum NotificationSwitch {
  Digest = 'digest',
  Reminders = 'reminders',
  Announcements = 'announcements',
  ReviewActivity = 'reviewActivity',
  Badges = 'badges',
}

/** How to turn each switch off, and how to tell it is off: constants, never input. */
const COLUMNS: { readonly [S in NotificationSwitch]: { turnOff: string; isOff: string } } = {
  [NotificationSwitch.Digest]: { turnOff: `digest = 'off'`, isOff: `digest = 'off'` },
  [NotificationSwitch.Reminders]: { turnOff: 'reminders = false', isOff: 'NOT reminders' },
  [NotificationSwitch.Announcements]: { turnOff: 'announcements = false', isOff: 'NOT announcements' },
  [NotificationSwitch.ReviewActivity]: { turnOff: 'review_activity = false', isOff: 'NOT review_activity' },
  [NotificationSwitch.Badges]: { turnOff: 'badges = false', isOff: 'NOT badges' },
};

/** The switches of `notification_preferences`, for the libraries that send mail (one-click unsubscribe, gates). */
@Injectable()
export class NotificationSwitches {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Turns one switch off for an active account, in the caller's transaction. False when it was already off or
   * the account is gone (nothing changed).
   */
  async turnOff(manager: EntityManager, userId: string, which: NotificationSwitch, now: Date): Promise<boolean> {
    const { turnOff, isOff } = COLUMNS[which];
    const [rows] = await manager.query<[{ user_id: string }[], number]>(
      `UPDATE notification_preferences
          SET ${turnOff}, updated_at = $2
        WHERE user_id = $1 AND NOT (${isOff})
          AND EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL)
        RETURNING user_id`,
      [userId, now],
    );
    return rows.length > 0;
  }

  /** The switches each of `userIds` has turned off (people with none off are left out): one query. */
  async switchedOff(userIds: readonly string[]): Promise<Map<string, Set<NotificationSwitch>>> {
    const off = new Map<string, Set<NotificationSwitch>>();
    if (userIds.length === 0) return off;
    const rows = await this.dataSource.query<
      {
        user_id: string;
        digest: string;
        reminders: boolean;
        announcements: boolean;
        review_activity: boolean;
        badges: boolean;
      }[]
    >(
      `SELECT user_id, digest, reminders, announcements, review_activity, badges FROM notification_preferences
        WHERE user_id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    );
    for (const row of rows) {
      const switches = new Set<NotificationSwitch>();
      if (row.digest === 'off') switches.add(NotificationSwitch.Digest);
      if (!row.reminders) switches.add(NotificationSwitch.Reminders);
      if (!row.announcements) switches.add(NotificationSwitch.Announcements);
      if (!row.review_activity) switches.add(NotificationSwitch.ReviewActivity);
      if (!row.badges) switches.add(NotificationSwitch.Badges);
      if (switches.size > 0) off.set(row.user_id, switches);
    }
    return off;
  }
}
