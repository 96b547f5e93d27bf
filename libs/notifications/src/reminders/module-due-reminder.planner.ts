import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { NotificationSchedule } from '../schedule/notification-schedule';
import { planModuleReminders } from './module-reminder-plan';
import { ReminderScopeRepository, type LearnerScope } from './reminder-scope.repository';
import { CohortEvent } from '@app/cohorts';
import { IdentityEvent } from '@app/identity';

/** Cohort fields that move deadlines (the offsets themselves come with `cohort.schedule-changed`). */
const DEADLINE_FIELDS = new Set(['startDate', 'timeZone', 'deadlineMode']);

/**
 * Keeps each learner's module due reminders 24 h before their own deadline: planned on enrollment, moved by an
 * extension, a schedule change, a new deadline mode or the learner's own zone (learner-local deadlines follow
 * them), dropped when they complete the module, withdraw or turn reminders off. Re-derived from the current state
 * for every (cohort, learner) the batch names, like the meeting reminders.
 */
@Injectable()
export class ModuleDueReminderPlanner implements OutboxEventHandler, OnModuleInit {
  readonly name = 'module-due-reminders';
  readonly handles = [
    CohortEvent.LearnerEnrolled,
    CohortEvent.LearnerWithdrew,
    CohortEvent.CohortScheduleChanged,
    CohortEvent.CohortUpdated,
    CohortEvent.ExtensionGranted,
    CohortEvent.ExtensionRevoked,
    CohortEvent.ModuleCompleted,
    IdentityEvent.UserPreferencesChanged,
    IdentityEvent.UserDeleted,
  ];

  constructor(
    private readonly clock: Clock,
    private readonly schedule: NotificationSchedule,
    private readonly scopes: ReminderScopeRepository,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const scope = learnerScopeOf(events);
    if (scope.pairs.length === 0 && scope.cohortIds.length === 0 && scope.userIds.length === 0) return;
    const now = this.clock.now();
    const pairs = await this.scopes.learnerPairs(manager, scope);
    const plan = planModuleReminders(await this.scopes.openModules(manager, pairs), now);
    await this.schedule.plan(manager, plan.entries);
    await this.scopes.cancelModuleReminders(manager, pairs, scope.userIds, plan.keep);
  }
}

/** What a batch of events asks to look at again. */
export function learnerScopeOf(events: readonly RelayedEvent[]): LearnerScope {
  const pairs = new Map<string, { cohortId: string; userId: string }>();
  const cohortIds = new Set<string>();
  const userIds = new Set<string>();
  for (const event of events) {
    const p = event.payload as Partial<Record<string, unknown>>;
    if (event.type === CohortEvent.CohortScheduleChanged) {
      if (typeof p.cohortId === 'string') cohortIds.add(p.cohortId);
    } else if (event.type === CohortEvent.CohortUpdated) {
      const fields = Array.isArray(p.fields) ? (p.fields as unknown[]) : [];
      if (typeof p.cohortId === 'string' && fields.some((f) => typeof f === 'string' && DEADLINE_FIELDS.has(f))) {
        cohortIds.add(p.cohortId);
      }
    } else if (event.type === IdentityEvent.UserPreferencesChanged || event.type === IdentityEvent.UserDeleted) {
      if (typeof p.userId === 'string') userIds.add(p.userId);
    } else if (typeof p.cohortId === 'string' && typeof p.userId === 'string') {
      // Enrolled, withdrew, extension granted or revoked, module completed: one learner in one cohort.
      pairs.set(`${p.cohortId}:${p.userId}`, { cohortId: p.cohortId, userId: p.userId });
    }
  }
  return { pairs: [...pairs.values()], cohortIds: [...cohortIds], userIds: [...userIds] };
}
