import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Clock,
  InvalidInputError,
  localParts,
  ResourceNotFoundError,
  zonedInstant,
  type Actor,
  type Page,
} from '@app/core';
import { GroupAccessRepository } from '../access/group-access.repository';
import { decideGroupAction, GroupAction } from '../access/group.policy';
import { MeetingStatus, type Meeting } from './meeting.entity';
import type { ViewerClock } from '../groups/time-in-zones';
import { MeetingRepository, type MeetingRecord } from './meeting.repository';
import { toMeetingView, type MeetingView } from './meeting-view';
import { MeetingWriter, type MeetingTime } from './meeting-writer';
import { MeetingsError, MeetingsErrorCode } from './meetings.errors';
import { MAX_UPCOMING_MEETINGS } from './meeting-schedule.service';

export interface AddMeetingInput extends MeetingTime {
  title?: string | null;
}

export interface MeetingEdit {
  localDate?: string;
  localTime?: string;
  durationMinutes?: number;
  title?: string | null;
}

export interface ListMeetingsQuery {
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
  /** Render `viewer` times in this zone instead of the profile's. */
  timeZone?: string;
}

/** Meetings one at a time: added by hand, moved, cancelled, listed and shown. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly meetings: MeetingRepository,
    private readonly writer: MeetingWriter,
    private readonly access: GroupAccessRepository,
  ) {}

  async list(actor: Actor, groupId: string, query: ListMeetingsQuery): Promise<Page<MeetingView>> {
    const page = await this.meetings.pageForGroup(groupId, actor.userId, {
      from: query.from ?? this.clock.now(),
      to: query.to,
      limit: query.limit ?? 20,
      cursor: query.cursor,
    });
    const toView = await this.viewFor(actor, groupId, query.timeZone);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, meetingId: string, timeZone?: string): Promise<MeetingView> {
    const record = await this.meetings.findRecord(meetingId, actor.userId);
    if (!record) throw new ResourceNotFoundError('meeting');
    return (await this.viewFor(actor, record.groupId, timeZone))(record);
  }

  /** Adds meetings on explicit dates, all or none. */
  async add(actor: Actor, groupId: string, items: AddMeetingInput[]): Promise<MeetingView[]> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const group = await this.meetings.lockGroup(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      const now = this.clock.now();
      items.forEach((item, i) => assertAhead(item, group.timeZone, now, `meetings.${i}`));
      const created = await this.writer.create(
        manager,
        group,
        items.map((item) => ({ ...item, title: cleanTitle(item.title), fromSchedule: false })),
        now,
      );
      if ((await this.meetings.countUpcomingScheduled(manager, groupId, now)) > MAX_UPCOMING_MEETINGS) {
        throw new MeetingsError(
          MeetingsErrorCode.TooManyMeetings,
          'meetings',
          `A group may have at most ${MAX_UPCOMING_MEETINGS} upcoming meetings.`,
        );
      }
      await this.meetings.refreshDiscoverySummary(manager, groupId, now);
      return created;
    });
    const toView = await this.viewFor(actor, groupId);
    return (await this.meetings.findRecords(ids, actor.userId)).map(toView);
  }

  /**
   * Moves a meeting or changes its length or title. A meeting the schedule made and that is moved by hand leaves
   * the schedule: later schedule edits no longer touch it.
   */
  async edit(actor: Actor, meetingId: string, edit: MeetingEdit): Promise<MeetingView> {
    await this.dataSource.transaction(async (manager) => {
      const { meeting, zone, now } = await this.lockChangeable(manager, meetingId);
      const retimed =
        edit.localDate !== undefined || edit.localTime !== undefined || edit.durationMinutes !== undefined;
      const time = {
        localDate: edit.localDate ?? meeting.localDate,
        localTime: edit.localTime ?? meeting.localTime.slice(0, 5),
        durationMinutes: edit.durationMinutes ?? meeting.durationMinutes,
      };
      if (retimed) assertAhead(time, zone, now, '');
      const changed = await this.writer.update(
        manager,
        meeting,
        zone,
        {
          ...(retimed ? { time, detach: true } : {}),
          ...(edit.title !== undefined ? { title: cleanTitle(edit.title) } : {}),
        },
        now,
      );
      if (changed) await this.meetings.refreshDiscoverySummary(manager, meeting.groupId, now);
    });
    return this.get(actor, meetingId);
  }

  async cancel(actor: Actor, meetingId: string): Promise<MeetingView> {
    await this.dataSource.transaction(async (manager) => {
      const { meeting, now } = await this.lockChangeable(manager, meetingId);
      await this.writer.cancel(manager, meeting, now, { detach: true });
      await this.meetings.refreshDiscoverySummary(manager, meeting.groupId, now);
    });
    return this.get(actor, meetingId);
  }

  /**
   * After a group's zone changed (call inside that transaction, once the row is updated): its meetings that have
   * not started keep their local date and time, now in the new zone, so their instants move (SEQUENCE + 1, a
   * "moved" event each). Returns how many moved.
   */
  async followGroupZone(manager: EntityManager, groupId: string, now: Date): Promise<number> {
    const group = await this.meetings.lockGroup(manager, groupId);
    if (!group) throw new ResourceNotFoundError('group');
    const stale = await this.meetings.findUpcomingInOtherZone(manager, groupId, group.timeZone, now);
    for (const m of stale) {
      const time = { localDate: m.localDate, localTime: m.localTime.slice(0, 5), durationMinutes: m.durationMinutes };
      await this.writer.update(manager, m, group.timeZone, { time }, now);
    }
    if (stale.length > 0) await this.meetings.refreshDiscoverySummary(manager, groupId, now);
    return stale.length;
  }

  /** Locks the meeting's group, then checks the meeting can still change: scheduled and not yet started. */
  private async lockChangeable(
    manager: EntityManager,
    meetingId: string,
  ): Promise<{ meeting: Meeting; zone: string; now: Date }> {
    const groupId = await this.access.groupOfMeeting(meetingId);
    const group = groupId ? await this.meetings.lockGroup(manager, groupId) : null;
    const meeting = group ? await this.meetings.findById(manager, meetingId) : null;
    if (!group || !meeting) throw new ResourceNotFoundError('meeting');
    const now = this.clock.now();
    if (meeting.status === MeetingStatus.Cancelled) throw new MeetingsError(MeetingsErrorCode.MeetingCancelled);
    if (meeting.startsAt <= now) throw new MeetingsError(MeetingsErrorCode.MeetingStarted);
    return { meeting, zone: group.timeZone, now };
  }

  /** How this actor sees this group's meetings: in their zone, with member-only details if they may see them. */
  private async viewFor(
    actor: Actor,
    groupId: string,
    timeZone?: string,
  ): Promise<(record: MeetingRecord) => MeetingView> {
    const [settings, access, group] = await Promise.all([
      this.meetings.viewerClock(actor.userId),
      this.access.find(groupId, actor.userId),
      this.meetings.groupFacts(groupId),
    ]);
    const viewer: ViewerClock = { ...settings, ...(timeZone ? { timeZone } : {}) };
    const member = access !== null && decideGroupAction(actor, GroupAction.ViewAsMember, access) === 'allow';
    const meetingLink = group?.meetingLink ?? null;
    return (record) => toMeetingView(record, { viewer, member, meetingLink });
  }
}

/** New and moved meetings must lie ahead; the problem names the date, or the time when the date is today. */
function assertAhead(time: MeetingTime, zone: string, now: Date, prefix: string): void {
  if (zonedInstant(time.localDate, time.localTime, zone) > now) return;
  const today = localParts(now, zone).date;
  const field = time.localDate === today ? 'localTime' : 'localDate';
  throw new InvalidInputError([
    {
      field: prefix ? `${prefix}.${field}` : field,
      message: `the meeting must start in the future (it is now ${localParts(now, zone).time} on ${today} in ${zone})`,
    },
  ]);
}

function cleanTitle(title: string | null | undefined): string | null {
  const trimmed = title?.trim();
  return trimmed ? trimmed : null;
}
