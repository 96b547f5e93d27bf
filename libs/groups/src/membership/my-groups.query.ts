import { Injectable } from '@nestjs/common';
import { Clock, type Page } from '@app/core';
import { toOwnMembership, type OwnMembership } from '../groups/group-views';
import { StudyGroupRepository } from '../groups/study-group.repository';
import { timeInZones, type TimeInZones } from '../groups/time-in-zones';
import type { GroupMode, GroupVisibility } from '../study-group.entity';
import { GroupMemberRepository } from './group-member.repository';

export interface MyGroup {
  group: {
    id: string;
    name: string;
    topic: string | null;
    courseVersionId: string | null;
    language: string;
    timeZone: string;
    mode: GroupMode;
    city: string | null;
    country: string | null;
    capacity: number;
    memberCount: number;
    signupOpen: boolean;
    visibility: GroupVisibility;
  };
  membership: OwnMembership;
  /** The group's next scheduled meeting, in my zone and the group's. */
  nextMeeting: TimeInZones | null;
}

/** A person's own groups and waitlist places. */
@Injectable()
export class MyGroupsQuery {
  constructor(
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly clock: Clock,
  ) {}

  async page(userId: string, limit: number, cursor?: string): Promise<Page<MyGroup>> {
    const viewer = await this.groups.viewerClock(userId);
    const page = await this.members.pageOfUser(userId, this.clock.now(), limit, cursor);
    return {
      items: page.items.map((r) => ({
        group: {
          id: r.groupId,
          name: r.name,
          topic: r.topic,
          courseVersionId: r.courseVersionId,
          language: r.language,
          timeZone: r.timeZone,
          mode: r.mode,
          city: r.city,
          country: r.country,
          capacity: r.capacity,
          memberCount: r.memberCount,
          signupOpen: r.signupOpen,
          visibility: r.visibility,
        },
        membership: toOwnMembership(r, viewer, r.timeZone),
        nextMeeting: r.nextMeetingAt ? timeInZones(new Date(r.nextMeetingAt), viewer, r.timeZone) : null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
