import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidInputError, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupEvent } from '../groups.events';
import { AttendanceListeners } from './attendance-listeners';
import type { RsvpAnswer } from './meeting-rsvp.entity';
import { MeetingStatus, type Meeting } from './meeting.entity';
import { MeetingRepository } from './meeting.repository';
import { MeetingsError, MeetingsErrorCode } from './meetings.errors';
import { ParticipationRepository, type AttendanceEntry, type RsvpEntry } from './participation.repository';

export interface AttendanceRecordInput {
  userId: string;
  attended: boolean;
}

/** Members answering whether they will come; facilitators recording who came. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly meetings: MeetingRepository,
    private readonly participation: ParticipationRepository,
    private readonly attendanceListeners: AttendanceListeners,
    private readonly outbox: Outbox,
  ) {}

  /** Only active members answer, and only for a scheduled meeting that has not started. */
  async rsvp(actor: Actor, meetingId: string, answer: RsvpAnswer): Promise<void> {
    const meeting = await this.answerable(actor, meetingId);
    await this.participation.saveRsvp(meeting.id, actor.userId, answer, this.clock.now());
  }

  async withdrawRsvp(actor: Actor, meetingId: string): Promise<void> {
    const meeting = await this.answerable(actor, meetingId);
    await this.participation.deleteRsvp(meeting.id, actor.userId);
  }

  listRsvps(meetingId: string): Promise<RsvpEntry[]> {
    return this.participation.listRsvps(meetingId);
  }

  listAttendance(meetingId: string): Promise<AttendanceEntry[]> {
    return this.participation.listAttendance(meetingId);
  }

  /**
   * Records attendance of a meeting that has started, for active members only; all records or none.
   * Recording again corrects earlier records.
   */
  async recordAttendance(
    actor: Actor,
    meetingId: string,
    records: AttendanceRecordInput[],
  ): Promise<AttendanceEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      const meeting = await this.meetings.findById(manager, meetingId);
      if (!meeting) throw new ResourceNotFoundError('meeting');
      if (meeting.status === MeetingStatus.Cancelled) throw new MeetingsError(MeetingsErrorCode.MeetingCancelled);
      const now = this.clock.now();
      if (meeting.startsAt > now) throw new MeetingsError(MeetingsErrorCode.MeetingNotStarted);
      const seen = new Set<string>();
      records.forEach((r, i) => {
        if (seen.has(r.userId)) {
          throw new InvalidInputError([{ field: `records.${i}.userId`, message: 'each person may appear once' }]);
        }
        seen.add(r.userId);
      });
      const active = await this.participation.activeMembersAmong(manager, meeting.groupId, [...seen]);
      const problems = records
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => !active.has(r.userId))
        .map(({ i }) => ({ field: `records.${i}.userId`, message: 'not an active member of the group' }));
      if (problems.length > 0) throw new InvalidInputError(problems);
      await this.participation.saveAttendance(manager, meeting.id, records, actor.userId, now);
      const userIds = records.map((r) => r.userId);
      await this.attendanceListeners.notify(manager, meeting.groupId, userIds);
      await this.outbox.record(manager, GroupEvent.AttendanceRecorded, meeting.groupId, {
        groupId: meeting.groupId,
        meetingId: meeting.id,
        userIds,
      });
      return this.participation.listAttendance(meeting.id, manager);
    });
  }

  private async answerable(actor: Actor, meetingId: string): Promise<Meeting> {
    const meeting = await this.meetings.findById(this.dataSource.manager, meetingId);
    if (!meeting) throw new ResourceNotFoundError('meeting');
    // Platform admins may look at any group, but an answer is a member's own.
    if (!(await this.participation.isActiveMember(meeting.groupId, actor.userId))) {
      throw new MeetingsError(MeetingsErrorCode.NotAMember);
    }
    if (meeting.status === MeetingStatus.Cancelled) throw new MeetingsError(MeetingsErrorCode.MeetingCancelled);
    if (meeting.startsAt <= this.clock.now()) throw new MeetingsError(MeetingsErrorCode.MeetingStarted);
    return meeting;
  }
}
