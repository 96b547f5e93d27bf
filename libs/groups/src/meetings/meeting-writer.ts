import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox, zonedInstant } from '@app/core';
import type { GroupFacts } from './meeting.repository';
import { Meeting, MeetingStatus } from './meeting.entity';
import { GroupEvent } from '../groups.events';

/** When a meeting happens, in the group's local terms. */
export interface MeetingTime {
  localDate: string;
  /** "HH:MM" */
  localTime: string;
  durationMinutes: number;
}

export interface NewMeeting extends MeetingTime {
  title: string | null;
  fromSchedule: boolean;
}

export interface MeetingChanges {
  time?: MeetingTime;
  title?: string | null;
  /** A change made by hand takes the meeting out of the schedule's hands: schedule edits no longer touch it. */
  detach?: boolean;
}

const hhmm = (time: string): string => time.slice(0, 5);

/**
 * Every write to meetings, each with its domain event in the caller's transaction. SEQUENCE (iCalendar) goes up
 * on every change people would notice, so calendar apps replace their copy instead of keeping a stale one.
 */
@Injectable()
export class MeetingWriter {
  constructor(private readonly outbox: Outbox) {}

  async create(manager: EntityManager, group: GroupFacts, meetings: NewMeeting[], now: Date): Promise<string[]> {
    if (meetings.length === 0) return [];
    const rows = meetings.map((m) => ({
      groupId: group.id,
      localDate: m.localDate,
      localTime: m.localTime,
      timeZone: group.timeZone,
      startsAt: zonedInstant(m.localDate, m.localTime, group.timeZone),
      durationMinutes: m.durationMinutes,
      status: MeetingStatus.Scheduled,
      fromSchedule: m.fromSchedule,
      sequence: 0,
      title: m.title,
      createdAt: now,
      updatedAt: now,
    }));
    const { identifiers } = await manager.insert(Meeting, rows);
    const ids = identifiers.map((i) => String(i.id));
    for (const [i, meetingId] of ids.entries()) {
      await this.outbox.record(manager, GroupEvent.MeetingScheduled, group.id, {
        groupId: group.id,
        meetingId,
        startsAt: rows[i]!.startsAt.toISOString(),
      });
    }
    return ids;
  }

  /**
   * Applies `changes` to a meeting (reviving it if it was cancelled and a time is given). Returns false, writing
   * nothing, when nothing would change.
   */
  async update(
    manager: EntityManager,
    meeting: Meeting,
    zone: string,
    changes: MeetingChanges,
    now: Date,
  ): Promise<boolean> {
    const time = changes.time;
    const startsAt = time ? zonedInstant(time.localDate, time.localTime, zone) : meeting.startsAt;
    const reviving = time !== undefined && meeting.status === MeetingStatus.Cancelled;
    const moved = startsAt.getTime() !== meeting.startsAt.getTime();
    const timeChanged =
      time !== undefined &&
      (time.localDate !== meeting.localDate ||
        hhmm(time.localTime) !== hhmm(meeting.localTime) ||
        zone !== meeting.timeZone ||
        time.durationMinutes !== meeting.durationMinutes);
    const titleChanged = changes.title !== undefined && changes.title !== meeting.title;
    if (!reviving && !timeChanged && !titleChanged) return false;

    await manager.update(
      Meeting,
      { id: meeting.id },
      {
        ...(time
          ? {
              localDate: time.localDate,
              localTime: time.localTime,
              timeZone: zone,
              startsAt,
              durationMinutes: time.durationMinutes,
              status: MeetingStatus.Scheduled,
            }
          : {}),
        ...(titleChanged ? { title: changes.title } : {}),
        ...(changes.detach ? { fromSchedule: false } : {}),
        sequence: () => 'sequence + 1',
        updatedAt: now,
      },
    );
    if (reviving) {
      await this.outbox.record(manager, GroupEvent.MeetingScheduled, meeting.groupId, {
        groupId: meeting.groupId,
        meetingId: meeting.id,
        startsAt: startsAt.toISOString(),
      });
    } else if (moved) {
      await this.outbox.record(manager, GroupEvent.MeetingMoved, meeting.groupId, {
        groupId: meeting.groupId,
        meetingId: meeting.id,
        previousStartsAt: meeting.startsAt.toISOString(),
        startsAt: startsAt.toISOString(),
      });
    }
    return true;
  }

  async cancel(manager: EntityManager, meeting: Meeting, now: Date, options: { detach: boolean }): Promise<void> {
    await manager.update(
      Meeting,
      { id: meeting.id },
      {
        status: MeetingStatus.Cancelled,
        ...(options.detach ? { fromSchedule: false } : {}),
        sequence: () => 'sequence + 1',
        updatedAt: now,
      },
    );
    await this.outbox.record(manager, GroupEvent.MeetingCancelled, meeting.groupId, {
      groupId: meeting.groupId,
      meetingId: meeting.id,
      startsAt: meeting.startsAt.toISOString(),
    });
  }
}
