import { Injectable } from '@nestjs/common';
import type { Actor, PolicyDecision, ResourcePolicy } from '@app/core';
import { GroupAccessRepository } from '../access/group-access.repository';
import { decideGroupAction, type GroupAction } from '../access/group.policy';

/**
 * Rules for /meetings/:meetingId routes: a meeting is governed by its group's rules, so a meeting of a private
 * group does not exist (404) for anyone outside it.
 */
@Injectable()
export class MeetingPolicy implements ResourcePolicy<GroupAction> {
  constructor(private readonly access: GroupAccessRepository) {}

  async decide(actor: Actor, action: GroupAction, meetingId: string): Promise<PolicyDecision> {
    const groupId = await this.access.groupOfMeeting(meetingId);
    const access = groupId ? await this.access.find(groupId, actor.userId) : null;
    if (!access) return 'not_found';
    return decideGroupAction(actor, action, access);
  }
}
