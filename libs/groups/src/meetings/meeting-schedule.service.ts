import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, InvalidInputError, localParts, ResourceNotFoundError } from '@app/core';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingStatus, type Meeting } from './meeting.entity';
import { MeetingRepository, type GroupFacts } from './meeting.repository';
import { MeetingWriter, type NewMeeting } from './meeting-writer';
import { MeetingsError, MeetingsErrorCode } from './meetings.errors';
import { expandWeekly, MAX_SCHEDULE_OCCURRENCES, TooManyOccurrencesError, type WeeklyRule } from './recurrence';

/** Most scheduled meetings a group may have ahead of it, schedule and hand-added ones together. */
export const MAX_UPCOMING_MEETINGS = 300;

export interface ScheduleInput {
  weekday: number;
  /** "HH:MM" */
  localStartTime: string;
  durationMinutes: number;
  startDate: string;
  occurrences?: number;
  untilDate?: string;
}

export interface ScheduleView {
  weekday: number;
  localStartTime: string;
  durationMinutes: number;
  startDate: string;
  occurrences: number | null;
  untilDate: string | null;
  /** The group's zone, in which the weekday and time are meant. */
  timeZone: string;
}

/** What an edit did to the group's meetings. */
export interface ScheduleChange {
  schedule: ScheduleView;
  /** Meetings added (or brought back after an earlier edit had dropped them). */
  scheduled: number;
  /** Meetings kept (same id, same RSVPs) with a new time or length. */
  updated: number;
  cancelled: number;
}

/**
 * A group's weekly schedule. Editing it changes only meetings that have not started; past meetings, their
 * RSVPs and attendance stay as they were. The schedule's own future meetings are matched to the new dates by
 * local date: a kept date is updated in place (same meeting, RSVPs kept, SEQUENCE + 1), a dropped date is
 * cancelled, a new date gets a new meeting. Meetings moved or cancelled by hand have left the schedule and are
 * never touched by it; nor is a meeting the edit would put in the past.
 */
@Injectable()
export class MeetingScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly meetings: MeetingRepository,
    private readonly writer: MeetingWriter,
  ) {}

  async get(groupId: string): Promise<ScheduleView> {
    const group = await this.meetings.groupFacts(groupId);
    const schedule = await this.dataSource.manager.findOne(MeetingSchedule, { where: { groupId } });
    if (!group || !schedule) throw new ResourceNotFoundError('schedule');
    return toView(schedule, group.timeZone);
  }

  async set(groupId: string, input: ScheduleInput): Promise<ScheduleChange> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.meetings.lockGroup(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      const now = this.clock.now();
      const previous = await manager.findOne(MeetingSchedule, { where: { groupId } });
      const rule = validRule(input, previous, localParts(now, group.timeZone).date);
      const next = expandOrRefuse(rule, group.timeZone, input);
      if (!previous && !next.some((o) => o.startsAt > now)) {
        throw new InvalidInputError([{ field: 'startDate', message: 'the schedule has no meeting in the future' }]);
      }
      const previousDates = new Set(
        previous ? expandWeekly(toRule(previous), group.timeZone, Number.MAX_SAFE_INTEGER).map((o) => o.localDate) : [],
      );
      const change = await this.applyToMeetings(manager, group, next, previousDates, input.durationMinutes, now);

      await manager.upsert(
        MeetingSchedule,
        { groupId, ...rule, durationMinutes: input.durationMinutes, updatedAt: now },
        ['groupId'],
      );
      await this.assertWithinLimit(manager, groupId, now, input.untilDate ? 'untilDate' : 'occurrences');
      await this.meetings.refreshDiscoverySummary(manager, groupId, now);
      const saved = await manager.findOneOrFail(MeetingSchedule, { where: { groupId } });
      return { schedule: toView(saved, group.timeZone), ...change };
    });
  }

  /** Ends the schedule: its future meetings are cancelled; past ones and meetings added by hand stay. */
  async remove(groupId: string): Promise<{ cancelled: number }> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.meetings.lockGroup(manager, groupId);
      const schedule = await manager.findOne(MeetingSchedule, { where: { groupId } });
      if (!group || !schedule) throw new ResourceNotFoundError('schedule');
      const now = this.clock.now();
      const future = await this.meetings.findFutureScheduleMeetings(manager, groupId, now);
      const cancelled = future.filter((m) => m.status === MeetingStatus.Scheduled);
      for (const m of cancelled) await this.writer.cancel(manager, m, now, { detach: false });
      await manager.delete(MeetingSchedule, { groupId });
      await this.meetings.refreshDiscoverySummary(manager, groupId, now);
      return { cancelled: cancelled.length };
    });
  }

  private async applyToMeetings(
    manager: EntityManager,
    group: GroupFacts,
    next: { localDate: string; localTime: string; startsAt: Date }[],
    previousDates: Set<string>,
    durationMinutes: number,
    now: Date,
  ): Promise<Omit<ScheduleChange, 'schedule'>> {
    const own = new Map<string, Meeting>();
    for (const m of await this.meetings.findFutureScheduleMeetings(manager, group.id, now)) own.set(m.localDate, m);
    const kept = new Set<string>();
    const created: NewMeeting[] = [];
    let scheduled = 0;
    let updated = 0;
    for (const o of next) {
      const existing = own.get(o.localDate);
      if (existing) kept.add(existing.id);
      // The new time has passed already: leave that day's meeting as it is rather than move it into the past.
      if (o.startsAt <= now) continue;
      const time = { localDate: o.localDate, localTime: o.localTime, durationMinutes };
      if (existing) {
        const wasCancelled = existing.status === MeetingStatus.Cancelled;
        if (await this.writer.update(manager, existing, group.timeZone, { time }, now)) {
          if (wasCancelled) scheduled++;
          else updated++;
        }
      } else if (!previousDates.has(o.localDate)) {
        // A date the previous schedule also had, without a meeting of its own now, was moved or cancelled by
        // hand: that decision stands. Only dates new to the schedule get a new meeting.
        created.push({ ...time, title: null, fromSchedule: true });
      }
    }
    await this.writer.create(manager, group, created, now);
    let cancelled = 0;
    for (const m of own.values()) {
      if (kept.has(m.id) || m.status !== MeetingStatus.Scheduled) continue;
      await this.writer.cancel(manager, m, now, { detach: false });
      cancelled++;
    }
    return { scheduled: scheduled + created.length, updated, cancelled };
  }

  private async assertWithinLimit(manager: EntityManager, groupId: string, now: Date, field: string): Promise<void> {
    if ((await this.meetings.countUpcomingScheduled(manager, groupId, now)) > MAX_UPCOMING_MEETINGS) {
      throw new MeetingsError(
        MeetingsErrorCode.TooManyMeetings,
        field,
        `A group may have at most ${MAX_UPCOMING_MEETINGS} upcoming meetings.`,
      );
    }
  }
}

/** The cross-field rules class-validator cannot express. */
function validRule(input: ScheduleInput, previous: MeetingSchedule | null, today: string): WeeklyRule {
  const hasCount = input.occurrences !== undefined;
  const hasUntil = input.untilDate !== undefined;
  if (hasCount === hasUntil) {
    throw new InvalidInputError([
      hasCount
        ? { field: 'untilDate', message: 'give either occurrences or untilDate, not both' }
        : { field: 'occurrences', message: 'occurrences or untilDate is required' },
    ]);
  }
  if (input.untilDate !== undefined && input.untilDate < input.startDate) {
    throw new InvalidInputError([{ field: 'untilDate', message: 'untilDate must not be before startDate' }]);
  }
  // A running schedule keeps its start (its count includes meetings already held); a new start must not be past.
  if (input.startDate < today && input.startDate !== previous?.startDate) {
    throw new InvalidInputError([{ field: 'startDate', message: `startDate must not be before today (${today})` }]);
  }
  return {
    weekday: input.weekday,
    localStartTime: input.localStartTime,
    startDate: input.startDate,
    occurrences: input.occurrences ?? null,
    untilDate: input.untilDate ?? null,
  };
}

function expandOrRefuse(rule: WeeklyRule, zone: string, input: ScheduleInput): ReturnType<typeof expandWeekly> {
  try {
    return expandWeekly(rule, zone);
  } catch (error) {
    if (!(error instanceof TooManyOccurrencesError)) throw error;
    throw new MeetingsError(
      MeetingsErrorCode.TooManyMeetings,
      input.untilDate ? 'untilDate' : 'occurrences',
      `A schedule may produce at most ${MAX_SCHEDULE_OCCURRENCES} meetings.`,
    );
  }
}

const toRule = (s: MeetingSchedule): WeeklyRule => ({
  weekday: s.weekday,
  localStartTime: s.localStartTime,
  startDate: s.startDate,
  occurrences: s.occurrences,
  untilDate: s.untilDate,
});

function toView(s: MeetingSchedule, timeZone: string): ScheduleView {
  return {
    weekday: s.weekday,
    localStartTime: s.localStartTime.slice(0, 5),
    durationMinutes: s.durationMinutes,
    startDate: s.startDate,
    occurrences: s.occurrences,
    untilDate: s.untilDate,
    timeZone,
  };
}
