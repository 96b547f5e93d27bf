import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isAdmin, ResourceNotFoundError, type Actor } from '@app/core';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { DiscussionRepository, type GroupStanding, type ThreadPlace } from './discussion.repository';

/** A thread the actor may read, with what they may do to it. */
export interface ReachableThread extends ThreadPlace {
  /** Facilitators of the thread's cohort and platform admins: pin, lock, delete anyone's post, reply when locked. */
  moderator: boolean;
}

/**
 * Who takes part in which conversation. Cohort-wide threads: the cohort's active learners and facilitators.
 * A group's threads: that group's active members and the cohort's facilitators. A group conversation does not
 * exist for anyone else (404, as a private group is to outsiders): learners do not learn which other groups
 * exist or what they discuss. Decided on the thread's own cohort and group, never only on the route's cohort.
 */
export function mayReadConversation(actor: Actor, standing: GroupStanding, groupId: string | null): boolean {
  if (isAdmin(actor)) return true;
  if (!standing.participant) return false;
  return groupId === null || standing.facilitator || standing.groupMember;
}

@Injectable()
export class DiscussionAccess {
  constructor(private readonly discussions: DiscussionRepository) {}

  /** The thread, if it is in `cohortId` and the actor may read it; else 404 `thread_not_found`. */
  async thread(
    manager: EntityManager,
    actor: Actor,
    cohortId: string,
    threadId: string,
    options: { lock: boolean },
  ): Promise<ReachableThread> {
    const place = await this.discussions.findPlace(manager, cohortId, threadId, actor.userId, options.lock);
    if (!place || !mayReadConversation(actor, place, place.groupId)) throw new ResourceNotFoundError('thread');
    return { ...place, moderator: place.facilitator || isAdmin(actor) };
  }

  /**
   * Checks that `groupId` is one of the cohort's groups whose conversation the actor may join; a group of the
   * cohort the actor is not in answers exactly as a group of another cohort does (404 `group_not_in_cohort`).
   */
  async group(actor: Actor, cohortId: string, groupId: string): Promise<void> {
    const standing = await this.discussions.findGroupStanding(cohortId, groupId, actor.userId);
    if (!standing || !mayReadConversation(actor, standing, groupId)) {
      throw new CohortsError(CohortsErrorCode.GroupNotInCohort, 'groupId');
    }
  }
}
