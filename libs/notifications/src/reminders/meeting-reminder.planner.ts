import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, DomainEventType, OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { NotificationSchedule } from '../schedule/notification-schedule';
import { coverageKeys, meetingHorizonEnd, planMeetingReminders } from './meeting-reminder-plan';
import { ReminderScopeRepository, type MeetingScope } from './reminder-scope.repository';
import { GroupEvent } from '@app/groups';
import { CohortEvent } from '@app/cohorts';
import { IdentityEvent } from '@app/identity';

/** Meetings the sweep examines per transaction. */
const SWEEP_BATCH = 500;

const MEETING_EVENTS = [GroupEvent.MeetingScheduled, GroupEvent.MeetingMoved, GroupEvent.MeetingCancelled] as const;
const GROUP_EVENTS = [
  GroupEvent.GroupMemberJoined,
  GroupEvent.GroupMemberPromoted,
  GroupEvent.GroupMemberLeft,
  GroupEvent.GroupRemindersChanged,
  CohortEvent.LearnerPlaced,
  CohortEvent.LearnerWithdrew,
  CohortEvent.LearnerMoved,
  CohortEvent.CohortGroupsFormed,
] as const;
const PERSON_EVENTS = [IdentityEvent.UserPreferencesChanged, IdentityEvent.UserDeleted] as const;

/**
 * Keeps each member's meeting reminders (the group's offsets before each meeting, 24 h and 1 h by default) in step
 * with the meetings, the members and their switches. Every event only names what to look at again: the rows are
 * re-derived from the current state, so a moved meeting re-keys its reminders (the old keys are cancelled), a
 * cancelled one loses them, a member who left loses theirs, and a batch handled twice or out of order changes
 * nothing. Meetings beyond the horizon are planned by the hourly sweep as they come within it. A member's quiet
 * hours may move a reminder's release to the evening before (`meetingReminderTiming`); when they change, the
 * member's pending reminders are retimed.
 */
@Injectable()
export class MeetingReminderPlanner implements OutboxEventHandler, OnModuleInit {
  readonly name = 'meeting-reminders';
  readonly handles = [...MEETING_EVENTS, ...GROUP_EVENTS, ...PERSON_EVENTS];
  private readonly logger = new Logger(MeetingReminderPlanner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly schedule: NotificationSchedule,
    private readonly scopes: ReminderScopeRepository,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    await this.replan(manager, scopeOf(events));
  }

  /**
   * The sweep: plans the reminders of meetings that came within the horizon since they were scheduled (or that
   * nobody was to be reminded of). Idempotent; one transaction per batch of meetings.
   */
  async planEnteringHorizon(): Promise<{ meetings: number; planned: number }> {
    let after = '00000000-0000-0000-0000-000000000000';
    let meetings = 0;
    let planned = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const ids = await this.scopes.meetingsWithoutReminders(
          manager,
          now,
          meetingHorizonEnd(now),
          after,
          SWEEP_BATCH,
        );
        if (ids.length > 0) {
          planned += await this.replan(manager, { meetingIds: ids.map((r) => r.id), groupIds: [], userIds: [] });
        }
        return ids;
      });
      meetings += batch.length;
      if (batch.length < SWEEP_BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
    if (planned > 0) this.logger.log({ meetings, planned }, 'meeting reminders planned by the sweep');
    return { meetings, planned };
  }

  /** Re-derives every reminder of the scope: plans the missing ones, cancels the ones that no longer apply. */
  private async replan(manager: EntityManager, scope: MeetingScope): Promise<number> {
    const now = this.clock.now();
    const meetings = await this.scopes.meetingsInScope(manager, scope, now);
    const members = await this.scopes.remindedMembers(manager, [...new Set(meetings.map((m) => m.groupId))]);
    const existing = await this.scopes.existingKeys(manager, coverageKeys(meetings, members));
    const plan = planMeetingReminders(meetings, members, now, meetingHorizonEnd(now), existing);
    const planned = await this.schedule.plan(manager, plan.entries);
    await this.scopes.retimeMeetingReminders(manager, plan.entries, now);
    const meetingIds = [...new Set([...scope.meetingIds, ...meetings.map((m) => m.id)])];
    await this.scopes.cancelMeetingReminders(manager, meetingIds, scope.userIds, plan.keep);
    return planned;
  }
}

/** What a batch of events asks to look at again. */
export function scopeOf(events: readonly RelayedEvent[]): MeetingScope {
  const meetingIds = new Set<string>();
  const groupIds = new Set<string>();
  const userIds = new Set<string>();
  for (const event of events) {
    const p = event.payload as Partial<Record<string, unknown>>;
    if ((MEETING_EVENTS as readonly DomainEventType[]).includes(event.type)) {
      addId(meetingIds, p.meetingId);
    } else if ((PERSON_EVENTS as readonly DomainEventType[]).includes(event.type)) {
      addId(userIds, p.userId);
    } else if (event.type === CohortEvent.CohortGroupsFormed) {
      for (const id of Array.isArray(p.groupIds) ? p.groupIds : []) addId(groupIds, id);
    } else if (event.type === CohortEvent.LearnerMoved) {
      addId(groupIds, p.fromGroupId);
      addId(groupIds, p.toGroupId);
    } else {
      // Member joined/promoted/left, reminders changed, learner placed/withdrew: the group, when there is one.
      addId(groupIds, p.groupId);
    }
  }
  return { meetingIds: [...meetingIds], groupIds: [...groupIds], userIds: [...userIds] };
}

const addId = (into: Set<string>, value: unknown): void => {
  if (typeof value === 'string') into.add(value);
};
