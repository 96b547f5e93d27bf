import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupsError, GroupsErrorCode } from '../groups/groups.errors';
import { StudyGroupRepository } from '../groups/study-group.repository';
import type { StudyGroup } from '../study-group.entity';
import { GroupRole, MembershipStatus, type GroupMember } from './group-member.entity';
import { GroupMemberRepository } from './group-member.repository';
import { SeatAllocator } from './seat-allocator';
import { GroupEvent } from '../groups.events';

/** What happens when the one leaving is the group's last facilitator. */
export enum LastFacilitatorRule {
  /** A person leaving or removed: refuse (409) until they hand the group over. */
  Refuse = 'refuse',
  /** An erased account: the senior co-facilitator, else the senior member, takes over. */
  HandOver = 'hand-over',
}

/**
 * People leave, are removed by a facilitator, or are erased with their account. A seat that frees goes to the
 * head of the waitlist in the same transaction, with the group's row locked.
 */
@Injectable()
export class LeaveGroupUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly seats: SeatAllocator,
  ) {}

  /** Leaves the group or its waitlist. */
  async leave(actor: Actor, groupId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const group = await this.groups.lockById(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      const member = await this.members.find(manager, groupId, actor.userId);
      if (!member) throw new GroupsError(GroupsErrorCode.MemberNotFound);
      await this.detach(manager, group, member, LastFacilitatorRule.Refuse);
    });
  }

  /** A facilitator removes someone (the caller has passed `GroupAction.Facilitate`). */
  async remove(actor: Actor, groupId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const group = await this.groups.lockById(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      const member = await this.members.find(manager, groupId, userId);
      if (!member) throw new GroupsError(GroupsErrorCode.MemberNotFound, 'userId');
      if (member.role === GroupRole.Facilitator && userId !== actor.userId) {
        await this.assertFacilitator(manager, groupId, actor);
      }
      await this.detach(manager, group, member, LastFacilitatorRule.Refuse);
    });
  }

  /** Co-facilitators help run a group; acting on a facilitator is for facilitators (or platform admins). */
  async assertFacilitator(manager: EntityManager, groupId: string, actor: Actor): Promise<void> {
    if (isAdmin(actor)) return;
    const own = await this.members.find(manager, groupId, actor.userId);
    if (own?.role !== GroupRole.Facilitator || own.status !== MembershipStatus.Active) {
      throw new GroupsError(GroupsErrorCode.FacilitatorRequired);
    }
  }

  /** Takes `member` out of `group` (whose row the caller has locked), then seats the waitlist. */
  async detach(
    manager: EntityManager,
    group: StudyGroup,
    member: GroupMember,
    rule: LastFacilitatorRule,
  ): Promise<void> {
    const active = member.status === MembershipStatus.Active;
    if (active && member.role === GroupRole.Facilitator) {
      if ((await this.members.countActiveFacilitators(manager, group.id)) <= 1) {
        if (rule === LastFacilitatorRule.Refuse) throw new GroupsError(GroupsErrorCode.LastFacilitator);
        const successor = await this.members.successor(manager, group.id, member.userId);
        if (successor) await this.members.setRole(manager, group.id, successor, GroupRole.Facilitator);
      }
    }
    await this.members.remove(manager, group.id, member.userId);
    await this.outbox.record(manager, GroupEvent.GroupMemberLeft, group.id, {
      groupId: group.id,
      userId: member.userId,
    });
    if (!active) return;
    await this.groups.addToMemberCount(manager, group.id, -1);
    group.memberCount -= 1;
    await this.seats.fillFreeSeats(manager, group);
  }
}
