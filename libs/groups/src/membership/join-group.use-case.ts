import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupsError, GroupsErrorCode } from '../groups/groups.errors';
import { toOwnMembership, type OwnMembership } from '../groups/group-views';
import { StudyGroupRepository } from '../groups/study-group.repository';
import { GroupVisibility, type StudyGroup } from '../study-group.entity';
import { GroupRole } from './group-member.entity';
import { GroupMemberRepository } from './group-member.repository';
import { checkSignupAnswers } from './signup-answers';
import { GroupEvent } from '../groups.events';

export interface JoinResult {
  groupId: string;
  membership: OwnMembership;
  /** False when the person was already in the group or on its waitlist: nothing changed. */
  created: boolean;
}

/**
 * Joining a group: a seat if one is free, otherwise the end of the waitlist. The group's row is locked
 * (SELECT ... FOR UPDATE) for the whole transaction, so simultaneous joins take seats one at a time and
 * `member_count` never passes capacity. Joining again changes nothing and answers with the current place.
 */
@Injectable()
export class JoinGroupUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  /** A public group, by id (the caller has passed `GroupAction.View`). */
  async byId(actor: Actor, groupId: string, answers: unknown): Promise<JoinResult> {
    return this.run(actor, answers, (manager) => this.groups.lockById(manager, groupId), false);
  }

  /** A private group, by the invite code its facilitators shared. */
  async byInviteCode(actor: Actor, inviteCode: string, answers: unknown): Promise<JoinResult> {
    return this.run(actor, answers, (manager) => this.groups.lockByInviteCode(manager, inviteCode), true);
  }

  private async run(
    actor: Actor,
    answers: unknown,
    lock: (manager: EntityManager) => Promise<StudyGroup | null>,
    invited: boolean,
  ): Promise<JoinResult> {
    const viewer = await this.groups.viewerClock(actor.userId);
    return this.dataSource.transaction(async (manager) => {
      const group = await lock(manager);
      if (!group) throw new ResourceNotFoundError('group');
      const created = await this.join(manager, group, actor.userId, answers, invited);
      const own = await this.members.ownMembership(manager, group.id, actor.userId);
      if (!own) throw new Error('membership vanished inside its own transaction');
      return { groupId: group.id, membership: toOwnMembership(own, viewer, group.timeZone), created };
    });
  }

  private async join(
    manager: EntityManager,
    group: StudyGroup,
    userId: string,
    answers: unknown,
    invited: boolean,
  ): Promise<boolean> {
    if (await this.members.find(manager, group.id, userId)) return false;
    // Without its code a private group does not exist for the joiner (as for the access policy).
    if (group.visibility === GroupVisibility.Private && !invited) throw new ResourceNotFoundError('group');
    if (!group.signupOpen) throw new GroupsError(GroupsErrorCode.SignupClosed);
    const signupAnswers = checkSignupAnswers(group.signupQuestions, answers);
    const now = this.clock.now();
    if (group.memberCount < group.capacity) {
      await this.members.insertActive(manager, {
        groupId: group.id,
        userId,
        role: GroupRole.Member,
        signupAnswers,
        now,
      });
      await this.groups.addToMemberCount(manager, group.id, 1);
      await this.outbox.record(manager, GroupEvent.GroupMemberJoined, group.id, { groupId: group.id, userId });
    } else {
      await this.members.insertWaitlisted(manager, { groupId: group.id, userId, signupAnswers, now });
      await this.outbox.record(manager, GroupEvent.GroupMemberWaitlisted, group.id, { groupId: group.id, userId });
    }
    return true;
  }
}
