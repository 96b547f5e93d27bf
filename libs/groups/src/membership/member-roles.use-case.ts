import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceNotFoundError, type Actor } from '@app/core';
import { GroupReader } from '../groups/group-reader.service';
import type { GroupDetail } from '../groups/group-views';
import { GroupsError, GroupsErrorCode } from '../groups/groups.errors';
import { StudyGroupRepository } from '../groups/study-group.repository';
import { GroupRole, MembershipStatus } from './group-member.entity';
import { GroupMemberRepository } from './group-member.repository';
import { LeaveGroupUseCase } from './leave-group.use-case';

/**
 * Roles inside a group. Facilitators and co-facilitators make members co-facilitators (and back); making someone
 * a facilitator (handing over) or changing a facilitator's role is for facilitators. A group always keeps one.
 */
@Injectable()
export class MemberRolesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly leaving: LeaveGroupUseCase,
    private readonly reader: GroupReader,
  ) {}

  /** The caller has passed `GroupAction.Facilitate` for this group. */
  async change(actor: Actor, groupId: string, userId: string, role: GroupRole): Promise<GroupDetail> {
    const viewer = await this.groups.viewerClock(actor.userId);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.groups.lockById(manager, groupId))) throw new ResourceNotFoundError('group');
      const member = await this.members.find(manager, groupId, userId);
      if (!member) throw new GroupsError(GroupsErrorCode.MemberNotFound, 'userId');
      if (member.status !== MembershipStatus.Active) throw new GroupsError(GroupsErrorCode.MemberNotActive, 'userId');
      if (member.role === role) return;
      if (member.role === GroupRole.Facilitator || role === GroupRole.Facilitator) {
        await this.leaving.assertFacilitator(manager, groupId, actor);
      }
      if (
        member.role === GroupRole.Facilitator &&
        (await this.members.countActiveFacilitators(manager, groupId)) <= 1
      ) {
        throw new GroupsError(GroupsErrorCode.LastFacilitator, 'role');
      }
      await this.members.setRole(manager, groupId, userId, role);
    });
    return this.reader.detail(actor, groupId, viewer);
  }
}
