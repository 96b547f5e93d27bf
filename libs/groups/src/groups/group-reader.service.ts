import { Injectable } from '@nestjs/common';
import { ResourceNotFoundError, type Actor } from '@app/core';
import { decideGroupAction, GroupAction } from '../access/group.policy';
import { GroupMemberRepository } from '../membership/group-member.repository';
import type { StudyGroup } from '../study-group.entity';
import { toGroupDetail, WAITLIST_SHOWN, type GroupDetail, type GroupViewData } from './group-views';
import { StudyGroupRepository } from './study-group.repository';
import type { ViewerClock } from './time-in-zones';

/** Shows a group to one viewer, at the level the group's access rules give them. */
@Injectable()
export class GroupReader {
  constructor(
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  /** The caller has passed `GroupAction.View` for this group. */
  async detail(actor: Actor, groupId: string, viewer?: ViewerClock): Promise<GroupDetail> {
    const group = await this.groups.findById(groupId);
    if (!group) throw new ResourceNotFoundError('group');
    return this.show(actor, group, viewer ?? (await this.groups.viewerClock(actor.userId)));
  }

  /** A private group as its invite code shows it: the public face, so the invitee can read the questions. */
  async byInviteCode(actor: Actor, inviteCode: string): Promise<GroupDetail> {
    const group = await this.groups.findByInviteCode(inviteCode);
    if (!group) throw new ResourceNotFoundError('group');
    return this.show(actor, group, await this.groups.viewerClock(actor.userId));
  }

  private async show(actor: Actor, group: StudyGroup, viewer: ViewerClock): Promise<GroupDetail> {
    const own = await this.members.ownMembership(undefined, group.id, actor.userId);
    const access = { visibility: group.visibility, role: own?.role ?? null, status: own?.status ?? null };
    const level =
      decideGroupAction(actor, GroupAction.Facilitate, access) === 'allow'
        ? 'facilitator'
        : decideGroupAction(actor, GroupAction.ViewAsMember, access) === 'allow'
          ? 'member'
          : 'public';
    const active = await this.members.activeMembers(group.id);
    const data: GroupViewData = { group, viewer, active, own, level, waitlist: [], waitlistLength: 0 };
    if (level === 'facilitator') {
      const { head, length } = await this.members.waitlist(group.id, WAITLIST_SHOWN);
      data.waitlist = head;
      data.waitlistLength = length;
    } else {
      data.waitlistLength = await this.members.waitlistLength(group.id);
    }
    return toGroupDetail(data);
  }
}
