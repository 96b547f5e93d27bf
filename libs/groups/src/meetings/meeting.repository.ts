import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import { User } from '@app/identity';
import type { ViewerClock } from '../groups/time-in-zones';
import type { GroupMode } from '../study-group.entity';
import type { RsvpAnswer } from './meeting-rsvp.entity';
import { Meeting, type MeetingStatus } from './meeting.entity';

/** What meeting rules need to know about a group. */
export interface GroupFacts {
  id: string;
  name: string;
  timeZone: string;
  mode: GroupMode;
  meetingLink: string | null;
  venue: string | null;
  city: string | null;
}

/** A meeting as people see it: the row, plus its RSVP tally among active members and the viewer's own answer. */
export interface MeetingRecord {
  id: string;
  groupId: string;
  title: string | null;
  status: MeetingStatus;
  localDate: string;
  /** "HH:MM" */
  localTime: string;
  timeZone: string;
  startsAt: Date;
  durationMinutes: number;
  fromSchedule: boolean;
  sequence: number;
  rsvps: { yes: number; no: number; maybe: number };
  myRsvp: RsvpAnswer | null;
}

export interface MeetingWindow {
  /** Meetings still running or ahead at this instant. */
  from: Date;
  /** Meetings starting before this instant. */
  to?: Date;
  limit: number;
  cursor?: string;
}

/** How many upcoming meetings summarize a group's week: far-off weeks shifted by DST would blur the slots. */
export const SLOT_MEETINGS = 8;
const MINUTES_PER_WEEK = 7 * 24 * 60;
/** Longest meeting (minutes): bounds the index scan for meetings still running at `from`. */
const MAX_DURATION = 720;

interface RecordRow extends Omit<MeetingRecord, 'rsvps'> {
  yes: number;
  no: number;
  maybe: number;
  cursorAt: string;
}

const RECORD_SELECT = `
  SELECT m.id, m.group_id AS "groupId", m.title, m.status, m.local_date::text AS "localDate",
         to_char(m.local_time, 'HH24:MI') AS "localTime", m.time_zone AS "timeZone", m.starts_at AS "startsAt",
         m.duration_minutes AS "durationMinutes", m.from_schedule AS "fromSchedule", m.sequence,
         m.starts_at::text AS "cursorAt",
         coalesce(r.yes, 0) AS yes, coalesce(r.no, 0) AS no, coalesce(r.maybe, 0) AS maybe,
         mine.answer AS "myRsvp"
    FROM meetings m
    LEFT JOIN LATERAL (
      -- Only people still active in the group count: a member who left takes their answer along.
      SELECT count(*) FILTER (WHERE x.answer = 'yes')::int AS yes,
             count(*) FILTER (WHERE x.answer = 'no')::int AS no,
             count(*) FILTER (WHERE x.answer = 'maybe')::int AS maybe
        FROM meeting_rsvps x
        JOIN group_members gm ON gm.group_id = m.group_id AND gm.user_id = x.user_id AND gm.status = 'active'
       WHERE x.meeting_id = m.id
    ) r ON true
    LEFT JOIN meeting_rsvps mine ON mine.meeting_id = m.id AND mine.user_id = $1`;

const toRecord = ({ yes, no, maybe, cursorAt: _, ...row }: RecordRow): MeetingRecord => ({
  ...row,
  rsvps: { yes, no, maybe },
});

/** Queries about meetings, and the group's discovery summary that follows them. */
@Injectable()
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the group row for the caller's transaction. Every change to a group's meetings takes this lock first,
   * so concurrent edits (and the discovery summary they recompute) apply one after the other.
   */
  async lockGroup(manager: EntityManager, groupId: string): Promise<GroupFacts | null> {
    const rows = await manager.query<GroupFacts[]>(
      `SELECT id, name, time_zone AS "timeZone", mode, meeting_link AS "meetingLink", venue, city
         FROM study_groups WHERE id = $1 FOR NO KEY UPDATE`,
      [groupId],
    );
    return rows[0] ?? null;
  }

  async groupFacts(groupId: string, manager: EntityManager = this.dataSource.manager): Promise<GroupFacts | null> {
    const rows = await manager.query<GroupFacts[]>(
      `SELECT id, name, time_zone AS "timeZone", mode, meeting_link AS "meetingLink", venue, city
         FROM study_groups WHERE id = $1`,
      [groupId],
    );
    return rows[0] ?? null;
  }

  findById(manager: EntityManager, meetingId: string): Promise<Meeting | null> {
    return manager.findOne(Meeting, { where: { id: meetingId } });
  }

  /** The schedule's own meetings that have not started yet, whatever their status. */
  findFutureScheduleMeetings(manager: EntityManager, groupId: string, now: Date): Promise<Meeting[]> {
    return manager
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.group_id = :groupId AND m.from_schedule AND m.starts_at > :now', { groupId, now })
      .orderBy('m.starts_at', 'ASC')
      .getMany();
  }

  /** Scheduled meetings that have not started and are kept in another zone than `zone`. */
  findUpcomingInOtherZone(manager: EntityManager, groupId: string, zone: string, now: Date): Promise<Meeting[]> {
    return manager
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where(`m.group_id = :groupId AND m.status = 'scheduled' AND m.starts_at > :now AND m.time_zone <> :zone`, {
        groupId,
        now,
        zone,
      })
      .orderBy('m.starts_at', 'ASC')
      .getMany();
  }

  async countUpcomingScheduled(manager: EntityManager, groupId: string, now: Date): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM meetings WHERE group_id = $1 AND status = 'scheduled' AND starts_at > $2`,
      [groupId, now],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Recomputes what discovery reads about the group's meetings, inside the caller's transaction:
   * - `first_meeting_at`: the earliest scheduled (not cancelled) meeting, past or future: the group's start;
   * - `meeting_slots`: the union of the UTC minutes of the week (0 = Monday 00:00 UTC, upper bound 10080) that
   *   the next SLOT_MEETINGS scheduled meetings starting after `now` occupy; a span crossing the end of the
   *   week is split in two ([10020,10080) and [0,30) for Sunday 23:00 UTC + 90 minutes).
   */
  async refreshDiscoverySummary(manager: EntityManager, groupId: string, now: Date): Promise<void> {
    await manager.query(
      `WITH upcoming AS (
         SELECT starts_at, duration_minutes FROM meetings
          WHERE group_id = $1 AND status = 'scheduled' AND starts_at > $2
          ORDER BY starts_at LIMIT ${SLOT_MEETINGS}
       ), spans AS (
         -- 1970-01-01 was a Thursday: shift by three days so that minute 0 is a Monday 00:00 UTC.
         SELECT ((floor(extract(epoch FROM starts_at) / 60)::bigint + 3 * 1440) % ${MINUTES_PER_WEEK})::int AS s,
                duration_minutes AS d
           FROM upcoming
       ), ranges AS (
         SELECT int4range(s, least(s + d, ${MINUTES_PER_WEEK})) AS r FROM spans
         UNION ALL
         SELECT int4range(0, s + d - ${MINUTES_PER_WEEK}) FROM spans WHERE s + d > ${MINUTES_PER_WEEK}
       )
       UPDATE study_groups g
          SET first_meeting_at = (SELECT min(starts_at) FROM meetings WHERE group_id = $1 AND status = 'scheduled'),
              meeting_slots = coalesce((SELECT range_agg(r) FROM ranges), '{}'::int4multirange)
        WHERE g.id = $1`,
      [groupId, now],
    );
  }

  /** A group's meetings still running or ahead at `from`, in start order, one keyset page. */
  async pageForGroup(groupId: string, viewerId: string, window: MeetingWindow): Promise<Page<MeetingRecord>> {
    const params: unknown[] = [viewerId, groupId, window.from, window.limit + 1];
    const conditions = [
      'm.group_id = $2',
      `m.starts_at > $3::timestamptz - interval '${MAX_DURATION} minutes'`,
      `m.starts_at + m.duration_minutes * interval '1 minute' > $3`,
    ];
    if (window.to) {
      params.push(window.to);
      conditions.push(`m.starts_at < $${params.length}`);
    }
    if (window.cursor) {
      const { after, id } = decodeCursor(window.cursor);
      params.push(after, id);
      conditions.push(`(m.starts_at, m.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await this.dataSource.query<RecordRow[]>(
      `${RECORD_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY m.starts_at, m.id LIMIT $4`,
      params,
    );
    const page = toPage(rows, window.limit, (row) => ({ after: row.cursorAt, id: row.id }));
    return { items: page.items.map(toRecord), nextCursor: page.nextCursor };
  }

  async findRecord(meetingId: string, viewerId: string): Promise<MeetingRecord | null> {
    const rows = await this.dataSource.query<RecordRow[]>(`${RECORD_SELECT} WHERE m.id = $2`, [viewerId, meetingId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findRecords(meetingIds: string[], viewerId: string): Promise<MeetingRecord[]> {
    if (meetingIds.length === 0) return [];
    const rows = await this.dataSource.query<RecordRow[]>(
      `${RECORD_SELECT} WHERE m.id = ANY($2::uuid[]) ORDER BY m.starts_at, m.id`,
      [viewerId, meetingIds],
    );
    return rows.map(toRecord);
  }

  /** The zone and language a person reads times in. */
  async viewerClock(userId: string): Promise<ViewerClock> {
    const user = await this.dataSource.manager.findOne(User, {
      where: { id: userId },
      select: { id: true, timeZone: true, locale: true },
    });
    return { timeZone: user?.timeZone ?? 'UTC', locale: user?.locale ?? 'en' };
  }
}
