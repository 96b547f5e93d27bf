import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RsvpAnswer } from './meeting-rsvp.entity';

export interface RsvpEntry {
  userId: string;
  displayName: string;
  answer: RsvpAnswer;
}

export interface AttendanceEntry {
  userId: string;
  displayName: string;
  attended: boolean;
}

/** RSVPs and attendance: who said they would come, and who came. */
@Injectable()
export class ParticipationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isActiveMember(
    groupId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2 AND status = 'active'`,
      [groupId, userId],
    );
    return rows.length > 0;
  }

  /** Which of `userIds` are active members of the group, in one query. */
  async activeMembersAmong(manager: EntityManager, groupId: string, userIds: string[]): Promise<Set<string>> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT user_id FROM group_members WHERE group_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
      [groupId, userIds],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async saveRsvp(meetingId: string, userId: string, answer: RsvpAnswer, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO meeting_rsvps (meeting_id, user_id, answer, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at`,
      [meetingId, userId, answer, at],
    );
  }

  async deleteRsvp(meetingId: string, userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM meeting_rsvps WHERE meeting_id = $1 AND user_id = $2`, [
      meetingId,
      userId,
    ]);
  }

  /** The answers of people still active in the meeting's group, by name. */
  listRsvps(meetingId: string): Promise<RsvpEntry[]> {
    return this.dataSource.query<RsvpEntry[]>(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", r.answer
         FROM meeting_rsvps r
         JOIN meetings m ON m.id = r.meeting_id
         JOIN group_members gm ON gm.group_id = m.group_id AND gm.user_id = r.user_id AND gm.status = 'active'
         JOIN identity_people u ON u.id = r.user_id
        WHERE r.meeting_id = $1
        ORDER BY u.display_name, r.user_id`,
      [meetingId],
    );
  }

  /** Records (or corrects) attendance for many people in one statement. */
  async saveAttendance(
    manager: EntityManager,
    meetingId: string,
    records: { userId: string; attended: boolean }[],
    recordedBy: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO meeting_attendance (meeting_id, user_id, attended, recorded_by, updated_at)
       SELECT $1, x.user_id, x.attended, $4, $5
         FROM unnest($2::uuid[], $3::boolean[]) AS x(user_id, attended)
       ON CONFLICT (meeting_id, user_id)
       DO UPDATE SET attended = excluded.attended, recorded_by = excluded.recorded_by, updated_at = excluded.updated_at`,
      [meetingId, records.map((r) => r.userId), records.map((r) => r.attended), recordedBy, at],
    );
  }

  /** Everyone recorded for the meeting, members who left since included: attendance is history. */
  listAttendance(meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<AttendanceEntry[]> {
    return manager.query<AttendanceEntry[]>(
      `SELECT a.user_id AS "userId", u.display_name AS "displayName", a.attended
         FROM meeting_attendance a JOIN identity_people u ON u.id = a.user_id
        WHERE a.meeting_id = $1
        ORDER BY u.display_name, a.user_id`,
      [meetingId],
    );
  }
}
