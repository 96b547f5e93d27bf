import { PlatformRole, type Actor } from '@app/core';
import { GroupRole, MembershipStatus } from '../membership/group-member.entity';
import { GroupVisibility } from '../study-group.entity';
import { decideGroupAction, GroupAction } from './group.policy';

const user: Actor = { userId: 'u', role: PlatformRole.User };
const admin: Actor = { userId: 'a', role: PlatformRole.Admin };
const access = (visibility: GroupVisibility, role: GroupRole | null, status: MembershipStatus | null) => ({
  visibility,
  role,
  status,
});

describe('group access rules', () => {
  it('hides private groups from outsiders entirely', () => {
    for (const action of Object.values(GroupAction)) {
      expect(decideGroupAction(user, action, access(GroupVisibility.Private, null, null))).toBe('not_found');
    }
  });

  it('shows a public group to anyone, but member details only to active members', () => {
    const outsider = access(GroupVisibility.Public, null, null);
    expect(decideGroupAction(user, GroupAction.View, outsider)).toBe('allow');
    expect(decideGroupAction(user, GroupAction.ViewAsMember, outsider)).toBe('deny');
    const waiting = access(GroupVisibility.Public, GroupRole.Member, MembershipStatus.Waitlisted);
    expect(decideGroupAction(user, GroupAction.ViewAsMember, waiting)).toBe('deny');
    const member = access(GroupVisibility.Private, GroupRole.Member, MembershipStatus.Active);
    expect(decideGroupAction(user, GroupAction.ViewAsMember, member)).toBe('allow');
  });

  it('lets only facilitators and co-facilitators facilitate', () => {
    const as = (role: GroupRole) => access(GroupVisibility.Public, role, MembershipStatus.Active);
    expect(decideGroupAction(user, GroupAction.Facilitate, as(GroupRole.Facilitator))).toBe('allow');
    expect(decideGroupAction(user, GroupAction.Facilitate, as(GroupRole.CoFacilitator))).toBe('allow');
    expect(decideGroupAction(user, GroupAction.Facilitate, as(GroupRole.Member))).toBe('deny');
  });

  it('lets platform admins moderate any group', () => {
    expect(decideGroupAction(admin, GroupAction.Facilitate, access(GroupVisibility.Private, null, null))).toBe('allow');
  });
});
