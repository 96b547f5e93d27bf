import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidInputError, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupMembershipWriter } from '@app/groups';
import { CohortGroupsQuery } from './cohort-groups.query';
import { formGroups } from './form-groups';
import { toGroupingLearner } from './grouping-language';
import { GroupingRepository, type NewCohortGroup } from './grouping.repository';
import type { FormationResult } from './grouping.views';
import { cohortGroupName, majorityZone, newGroupInviteCode } from './new-cohort-group';
import { CohortEvent } from '../cohorts.events';

/** Bounds of a cohort group's size (the cohorts table checks them too). */
export const GROUP_SIZE_MIN = 1;
export const GROUP_SIZE_MAX = 50;

export interface GroupSizes {
  minSize: number;
  maxSize: number;
}

/**
 * "Form groups": splits the cohort's opted-in active learners who have no group yet into new study groups that
 * share a language and at least an hour a week. Running it again only groups whoever is still ungrouped.
 */
@Injectable()
export class FormCohortGroupsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly repository: GroupingRepository,
    private readonly query: CohortGroupsQuery,
    private readonly writer: GroupMembershipWriter,
  ) {}

  async execute(actor: Actor, cohortId: string, sizes: GroupSizes): Promise<FormationResult> {
    assertSizes(sizes);
    const formed = await this.dataSource.transaction(async (manager) => {
      // The cohort's lock makes concurrent runs (and late placements) take turns: each sees the others' groups.
      const cohort = await this.repository.lockCohort(manager, cohortId, 'update');
      if (!cohort) throw new ResourceNotFoundError('cohort');
      const learners = await this.repository.findUngroupedOptedIn(manager, cohortId);
      const zoneOf = new Map(learners.map((l) => [l.userId, l.timeZone]));
      const result = formGroups(learners.map(toGroupingLearner), { ...sizes, weekOf: cohort.startDate });

      const now = this.clock.now();
      const lastNumber = await this.repository.lastGroupNumber(manager, cohortId);
      const groups: NewCohortGroup[] = result.groups.map((group, i) => ({
        id: randomUUID(),
        number: lastNumber + i + 1,
        name: cohortGroupName(cohort.title, lastNumber + i + 1),
        // formGroups always names a language all members share (only the naive baseline may not).
        language: group.language!,
        timeZone: majorityZone(
          group.memberIds.map((id) => zoneOf.get(id)!),
          cohort.timeZone,
        ),
        inviteCode: newGroupInviteCode(),
        memberIds: group.memberIds,
      }));
      await this.writer.createPlacedGroups(manager, {
        groups,
        courseVersionId: cohort.courseVersionId,
        capacity: sizes.maxSize,
        createdBy: actor.userId,
      });
      await this.repository.linkGroups(manager, cohortId, groups, now);
      await this.repository.recordFormation(manager, cohortId, sizes, now);
      // A group's capacity is the cohort's maximum group size: earlier groups take this run's (never below
      // the members they have).
      await this.writer.fitCapacity(manager, await this.repository.groupIds(manager, cohortId), sizes.maxSize);
      const groupIds = groups.map((g) => g.id);
      const unplacedUserIds = result.unplaced.map((u) => u.id);
      await this.outbox.record(manager, CohortEvent.CohortGroupsFormed, cohortId, {
        cohortId,
        groupIds,
        unplacedUserIds,
      });
      return { formedGroupIds: groupIds, unplacedUserIds };
    });
    return { ...formed, ...(await this.query.overview(cohortId)) };
  }
}

/** 1 <= minSize <= maxSize <= 50, each broken rule naming its field. */
export function assertSizes({ minSize, maxSize }: GroupSizes): void {
  const inRange = (n: number): boolean => Number.isInteger(n) && n >= GROUP_SIZE_MIN && n <= GROUP_SIZE_MAX;
  const range = `must be a whole number from ${GROUP_SIZE_MIN} to ${GROUP_SIZE_MAX}`;
  const problems = [
    ...(inRange(minSize) ? [] : [{ field: 'minSize', message: `minSize ${range}` }]),
    ...(inRange(maxSize) ? [] : [{ field: 'maxSize', message: `maxSize ${range}` }]),
  ];
  if (problems.length === 0 && minSize > maxSize) {
    problems.push({ field: 'minSize', message: 'minSize must not be larger than maxSize' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}
