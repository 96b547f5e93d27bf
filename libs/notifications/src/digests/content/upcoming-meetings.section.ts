import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  byUser,
  capped,
  RECIPIENTS_CTE,
  windowParams,
  type DigestRecipient,
  type DigestSection,
} from './digest-section';

interface MeetingRow {
  user_id: string;
  group_name: string;
  starts_at: Date;
}

export interface MeetingItem {
  groupName: string;
  /** ISO instant; the template renders it in the reader's zone. */
  startsAt: string;
}

/** Scheduled meetings of the person's groups in the look-ahead (48 h for daily digests, 8 days for weekly). */
@Injectable()
export class UpcomingMeetingsSection implements DigestSection<{ items: MeetingItem[]; more: number }> {
  readonly key = 'meetings';

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<MeetingRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, g.name AS group_name, m.starts_at
         FROM r
         JOIN group_members gm ON gm.user_id = r.user_id AND gm.status = 'active'
         JOIN study_groups g ON g.id = gm.group_id
         JOIN meetings m ON m.group_id = gm.group_id
        WHERE m.status = 'scheduled' AND m.starts_at > r.until AND m.starts_at <= r.horizon
        ORDER BY r.user_id, m.starts_at`,
      windowParams(recipients),
    );
    const sections = new Map<string, { items: MeetingItem[]; more: number }>();
    for (const [userId, list] of byUser(rows)) {
      sections.set(userId, capped(list.map((m) => ({ groupName: m.group_name, startsAt: m.starts_at.toISOString() }))));
    }
    return sections;
  }
}
