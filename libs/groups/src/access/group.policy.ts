import { Injectable } from '@nestjs/common';
import { isAdmin, type Actor, type PolicyDecision, type ResourcePolicy } from '@app/core';
import { GroupRole, MembershipStatus } from '../membership/group-member.entity';
import { GroupVisibility } from '../study-group.entity';
import { GroupAccessRepository, type GroupAccess } from './group-access.repository';

export enum GroupAction {
  /** See the group's public face (a private group: members only; others get 404). */
  View = 'view',
  /** Member-only details: meeting link, member list, RSVPs. */
  ViewAsMember = 'view-as-member',
  /** Edit the group, its schedule and meetings, record attendance, read signup answers. */
  Facilitate = 'facilitate',
}

const FACILITATING = new Set<GroupRole>([GroupRole.Facilitator, GroupRole.CoFacilitator]);

/** Who may do what to a group. Private groups do not exist for outsiders: they get 404, not 403. */
@Injectable()
export class GroupPolicy implements ResourcePolicy<GroupAction> {
  constructor(private readonly access: GroupAccessRepository) {}

  async decide(actor: Actor, action: GroupAction, groupId: string): Promise<PolicyDecision> {
    const access = await this.access.find(groupId, actor.userId);
    if (!access) return 'not_found';
    return decideGroupAction(actor, action, access);
  }
}

/** The rule itself, pure, so meeting-level policies reuse it once they know the meeting's group. */
export function decideGroupAction(actor: Actor, action: GroupAction, access: GroupAccess): PolicyDecision {
  const admin = isAdmin(actor);
  const active = access.status === MembershipStatus.Active;
  const known = access.status !== null || access.visibility === GroupVisibility.Public || admin;
  if (!known) return 'not_found';
  switch (action) {
    case GroupAction.View:
      return 'allow';
    case GroupAction.ViewAsMember:
      return active || admin ? 'allow' : 'deny';
    case GroupAction.Facilitate:
      return (active && access.role !== null && FACILITATING.has(access.role)) || admin ? 'allow' : 'deny';
  }
}
