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

interface MemberRow {
  user_id: string;
  place: string;
  name: string;
}

export interface NewMemberItem {
  /** The group's name or the cohort's title. */
  place: string;
  name: string;
}

/** People who joined the person's study groups, or enrolled in their cohorts, in the window. */
@Injectable()
export class NewMembersSection implements DigestSection<{ items: NewMemberItem[]; more: number }> {
  readonly key = 'newMembers';

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<MemberRow[]>(
      `${RECIPIENTS_CTE}
       SELECT user_id, place, name FROM (
         SELECT r.user_id, g.name AS place, u.display_name AS name, other.joined_at AS at
           FROM r
           JOIN group_members mine ON mine.user_id = r.user_id AND mine.status = 'active'
           JOIN study_groups g ON g.id = mine.group_id
           JOIN group_members other ON other.group_id = mine.group_id AND other.status = 'active'
           JOIN users u ON u.id = other.user_id
          WHERE other.user_id <> r.user_id AND other.joined_at > r.since AND other.joined_at <= r.until
         UNION ALL
         SELECT r.user_id, c.title, u.display_name, other.status_changed_at
           FROM r
           JOIN cohort_members mine ON mine.user_id = r.user_id AND mine.status = 'active'
           JOIN cohorts c ON c.id = mine.cohort_id
           JOIN cohort_members other ON other.cohort_id = mine.cohort_id
                AND other.status = 'active' AND other.role = 'learner'
           JOIN users u ON u.id = other.user_id
          WHERE other.user_id <> r.user_id
            AND other.status_changed_at > r.since AND other.status_changed_at <= r.until
       ) joined
       ORDER BY user_id, at`,
      windowParams(recipients),
    );
    const sections = new Map<string, { items: NewMemberItem[]; more: number }>();
    for (const [userId, list] of byUser(rows)) {
      sections.set(userId, capped(list.map((m) => ({ place: m.place, name: m.name }))));
    }
    return sections;
  }
}
