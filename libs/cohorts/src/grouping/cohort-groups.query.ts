import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, ResourceNotFoundError } from '@app/core';
import { CohortActivity } from '../activity/cohort-activity';
import { explainGroups } from './group-explanation';
import { groupingWeekOf } from './grouping-week';
import { GroupingRepository } from './grouping.repository';
import type { GroupingOverview, MyGrouping } from './grouping.views';

/** Reads a cohort's grouping, explained from members' current availability: a fixed handful of queries. */
@Injectable()
export class CohortGroupsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly repository: GroupingRepository,
    private readonly activity: CohortActivity,
  ) {}

  /** For facilitators: every group with its members and common hours, who is unplaced, who asked to move. */
  async overview(cohortId: string): Promise<GroupingOverview> {
    const cohort = await this.repository.findCohort(cohortId);
    if (!cohort) throw new ResourceNotFoundError('cohort');
    const weekOf = groupingWeekOf(cohort, this.clock.now());
    const [groups, unplaced, moveRequests] = await Promise.all([
      this.repository.findGroups(cohortId),
      this.repository.findUnplaced(cohortId),
      this.repository.findMoveRequests(cohortId),
    ]);
    return {
      weekOf,
      minSize: cohort.groupMinSize,
      maxSize: cohort.groupMaxSize,
      groupsFormedAt: cohort.groupsFormedAt,
      groups: explainGroups(groups, weekOf),
      unplaced,
      moveRequests,
    };
  }

  /** A participant opens their group: counts as activity in the cohort. */
  async open(cohortId: string, userId: string): Promise<MyGrouping> {
    await this.activity.touch(cohortId, userId);
    return this.mine(cohortId, userId);
  }

  /** For a participant: their own group only (members' names and zones, never emails). */
  async mine(cohortId: string, userId: string): Promise<MyGrouping> {
    const cohort = await this.repository.findCohort(cohortId);
    if (!cohort) throw new ResourceNotFoundError('cohort');
    const weekOf = groupingWeekOf(cohort, this.clock.now());
    const me = await this.repository.findMembership(this.dataSource.manager, cohortId, userId);
    const groups = me?.groupId ? await this.repository.findGroups(cohortId, { groupId: me.groupId }) : [];
    return {
      weekOf,
      groupingOptIn: me?.groupingOptIn ?? false,
      moveRequestedAt: me?.moveRequestedAt ?? null,
      group: explainGroups(groups, weekOf)[0] ?? null,
    };
  }
}
