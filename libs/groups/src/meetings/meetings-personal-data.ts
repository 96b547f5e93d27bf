import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { CalendarFeed } from '../calendar/calendar-feed.entity';
import { MeetingRsvp } from './meeting-rsvp.entity';

/**
 * A person's part in meetings: their RSVPs, their attendance and the calendar links they made.
 *
 * Erasure: RSVPs and calendar links are deleted. Attendance rows are kept: they are the group's record of how
 * many came to each past meeting, which facilitators rely on. After erasure they point at the anonymized
 * account (no name, no email, nothing else personal), so they count a person without saying who.
 */
@Injectable()
export class MeetingsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'meetings';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    const rsvps = await manager.query<unknown[]>(
      `SELECT r.meeting_id AS "meetingId", m.group_id AS "groupId", g.name AS "groupName", m.starts_at AS "startsAt",
              r.answer, r.updated_at AS "answeredAt"
         FROM meeting_rsvps r JOIN meetings m ON m.id = r.meeting_id JOIN study_groups g ON g.id = m.group_id
        WHERE r.user_id = $1 ORDER BY m.starts_at, r.meeting_id`,
      [userId],
    );
    const attendance = await manager.query<unknown[]>(
      `SELECT a.meeting_id AS "meetingId", m.group_id AS "groupId", g.name AS "groupName", m.starts_at AS "startsAt",
              a.attended, a.updated_at AS "recordedAt"
         FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id JOIN study_groups g ON g.id = m.group_id
        WHERE a.user_id = $1 ORDER BY m.starts_at, a.meeting_id`,
      [userId],
    );
    // The links themselves are secrets we never stored; only that they exist, and since when.
    const calendarFeeds = await manager.find(CalendarFeed, {
      where: { createdBy: userId },
      order: { createdAt: 'ASC' },
      select: { id: true, ownerType: true, ownerId: true, createdAt: true, revokedAt: true },
    });
    return { rsvps, attendance, calendarFeeds };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(MeetingRsvp, { userId });
    await manager.delete(CalendarFeed, { createdBy: userId });
  }
}
