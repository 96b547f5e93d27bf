import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, renderInZone } from '@app/core';
import { capped, type Capped } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

interface MeetingRow {
  user_id: string;
  group_id: string;
  group_name: string;
  title: string | null;
  starts_at: Date;
}

export interface MeetingItem {
  groupName: string;
  title: string | null;
  /** When, in the reader's zone and language, naming the zone. */
  when: string;
  link: string;
}

/** Scheduled meetings of the person's study groups in the next 24 hours (daily digest) or 7 days (weekly). */
@Injectable()
export class UpcomingMeetingsSection implements DigestSection<Capped<MeetingItem>> {
  readonly key = 'meetings';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<MeetingRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, g.group_id, g.name AS group_name, m.title, m.starts_at
         FROM r
         JOIN group_active_members gm ON gm.user_id = r.user_id
         JOIN group_summaries g ON g.group_id = gm.group_id
         JOIN group_meetings m ON m.group_id = gm.group_id AND m.status = 'scheduled'
              AND m.starts_at > r.until AND m.starts_at <= r.meetings_until
        ORDER BY r.user_id, m.starts_at`,
      recipientParams(recipients),
    );
    const recipientOf = new Map(recipients.map((r) => [r.userId, r]));
    const sections = new Map<string, Capped<MeetingItem>>();
    for (const [userId, list] of byUser(rows)) {
      const reader = recipientOf.get(userId);
      if (!reader) continue;
      const items = list.map((m) => ({
        groupName: m.group_name,
        title: m.title,
        when: renderInZone(m.starts_at, reader.timeZone, reader.locale),
        link: new URL(`/groups/${m.group_id}`, this.config.PUBLIC_URL).toString(),
      }));
      sections.set(userId, capped(items));
    }
    return sections;
  }
}
