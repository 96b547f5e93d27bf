import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupMembershipWriter, SeatOutcome } from '@app/groups';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { CohortGroupsQuery } from './cohort-groups.query';
import { toGroupingLearner } from './grouping-language';
import { groupingWeekOf } from './grouping-week';
import { GroupingRepository, type GroupingCohort, type GroupingMembership } from './grouping.repository';
import type { MyGrouping } from './grouping.views';
import { cohortGroupName, newGroupInviteCode } from './new-cohort-group';
import { placeLearner } from './place-learner';
import { CohortEvent } from '../cohorts.events';

/**
 * A learner opts in to (or out of) grouping. Once the cohort's groups are formed, a learner who opts in without
 * a group is placed at once: into the best existing group with room and an hour in common, or a new group of
 * their own that later late enrollers may join. Opting out keeps a group one is already in.
 */
@Injectable()
export class GroupingPreferenceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly activity: CohortActivity,
    private readonly repository: GroupingRepository,
    private readonly query: CohortGroupsQuery,
    private readonly writer: GroupMembershipWriter,
  ) {}

  async setOptIn(actor: Actor, cohortId: string, optIn: boolean): Promise<MyGrouping> {
    await this.dataSource.transaction(async (manager) => {
      // Placement reads every group's members and may open a numbered group: the cohort's lock serializes it
      // with "form groups", moves and other placements.
      const cohort = await this.repository.lockCohort(manager, cohortId, 'update');
      if (!cohort) throw new ResourceNotFoundError('cohort');
      const me = await this.repository.findMembership(manager, cohortId, actor.userId, true);
      if (!me || me.role !== CohortRole.Learner || me.status !== EnrollmentStatus.Active) {
        throw new CohortsError(CohortsErrorCode.NotEnrolled);
      }
      if (me.groupingOptIn !== optIn) {
        await this.repository.setOptIn(manager, cohortId, actor.userId, optIn);
        await this.outbox.record(manager, CohortEvent.GroupingPreferenceChanged, cohortId, {
          cohortId,
          userId: actor.userId,
          optIn,
        });
      }
      if (optIn && cohort.groupsFormedAt && !me.groupId) await this.placeLateEnroller(manager, cohort, me);
      await this.activity.touch(cohortId, actor.userId, manager);
    });
    return this.query.mine(cohortId, actor.userId);
  }

  private async placeLateEnroller(manager: EntityManager, cohort: GroupingCohort, me: GroupingMembership) {
    const now = this.clock.now();
    // Set by the same statement as groupsFormedAt (and the cohorts table checks they go together).
    const maxSize = cohort.groupMaxSize!;
    const learner = toGroupingLearner(me);
    const groups = await this.repository.findGroups(cohort.id, { manager });
    const placement = placeLearner(
      learner,
      // A facilitator may have lowered a group's own capacity below the cohort's maximum.
      groups
        .filter((g) => g.memberCount < g.capacity)
        .map((g) => ({
          groupId: g.groupId,
          language: g.language,
          size: g.memberCount,
          members: g.members.map((m) => ({
            id: m.userId,
            timeZone: m.timeZone,
            languages: [],
            availability: m.availability,
          })),
        })),
      { maxSize, weekOf: groupingWeekOf(cohort, now) },
    );
    let groupId = placement?.groupId;
    // A seat taken since the groups were read (a capacity lowered by the group's facilitator) opens a new group.
    if (!groupId || (await this.writer.add(manager, groupId, me.userId)) === SeatOutcome.Full) {
      const number = (await this.repository.lastGroupNumber(manager, cohort.id)) + 1;
      groupId = randomUUID();
      const group = {
        id: groupId,
        number,
        name: cohortGroupName(cohort.title, number),
        language: learner.languages[0]!,
        timeZone: me.timeZone,
        inviteCode: newGroupInviteCode(),
        memberIds: [me.userId],
      };
      await this.writer.createPlacedGroups(manager, {
        groups: [group],
        courseVersionId: cohort.courseVersionId,
        capacity: maxSize,
        createdBy: cohort.createdBy,
      });
      await this.repository.linkGroups(manager, cohort.id, [group], now);
    }
    await this.outbox.record(manager, CohortEvent.LearnerPlaced, cohort.id, {
      cohortId: cohort.id,
      groupId,
      userId: me.userId,
    });
  }
}
