import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { capped, SHOWN_PER_SECTION, type Capped } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

interface MemberRow {
  user_id: string;
  place: string;
  name: string;
  total: number;
}

export interface NewMemberItem {
  name: string;
  /** The study group's name or the cohort's title. */
  place: string;
}

/** People who joined the person's study groups, or became active learners of their cohorts, in the window. */
@Injectable()
export class NewMembersSection implements DigestSection<Capped<NewMemberItem>> {
  readonly key = 'newMembers';

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    // Per reader (LATERAL): their groups' and cohorts' members who joined in their own window, each found by an
    // index range, never by reading whole cohorts; a union cannot be flattened, so the planner keeps it per reader.
    const rows = await manager.query<MemberRow[]>(
      `${RECIPIENTS_CTE}
       SELECT user_id, place, name, total::int AS total
         FROM (
           SELECT r.user_id, joined.*,
                  row_number() OVER (PARTITION BY r.user_id ORDER BY joined.at DESC, joined.name) AS rank,
                  count(*) OVER (PARTITION BY r.user_id) AS total
             FROM r
             CROSS JOIN LATERAL (
               SELECT g.name AS place, u.display_name AS name, other.joined_at AS at
                 FROM group_active_members mine
                 JOIN group_summaries g ON g.group_id = mine.group_id
                 JOIN group_active_members other ON other.group_id = mine.group_id
                      AND other.user_id <> r.user_id AND other.joined_at > r.since AND other.joined_at <= r.until
                 JOIN identity_people u ON u.id = other.user_id AND u.deleted_at IS NULL
                WHERE mine.user_id = r.user_id
               UNION ALL
               SELECT c.title, u.display_name, other.status_changed_at
                 FROM cohort_enrollments mine
                 JOIN cohort_calendars c ON c.id = mine.cohort_id
                 JOIN cohort_enrollments other ON other.cohort_id = mine.cohort_id
                      AND other.status = 'active' AND other.role = 'learner' AND other.user_id <> r.user_id
                      AND other.status_changed_at > r.since AND other.status_changed_at <= r.until
                 JOIN identity_people u ON u.id = other.user_id AND u.deleted_at IS NULL
                WHERE mine.user_id = r.user_id AND mine.status = 'active'
             ) joined
         ) ranked
        WHERE rank <= $6
        ORDER BY user_id, at`,
      [...recipientParams(recipients), SHOWN_PER_SECTION],
    );
    const sections = new Map<string, Capped<NewMemberItem>>();
    for (const [userId, list] of byUser(rows)) {
      sections.set(
        userId,
        capped(
          list.map((m) => ({ name: m.name, place: m.place })),
          list[0]?.total,
        ),
      );
    }
    return sections;
  }
}
