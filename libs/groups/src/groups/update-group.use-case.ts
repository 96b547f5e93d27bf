import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { CourseCatalog } from '@app/courses';
import { MeetingsService } from '../meetings/meetings.service';
import { GroupMemberRepository } from '../membership/group-member.repository';
import { GroupMembershipWriter } from '../membership/group-membership-writer';
import { GroupVisibility, StudyGroup } from '../study-group.entity';
import { GroupsError, GroupsErrorCode } from './groups.errors';
import { assertPublishedVersion } from './create-group.use-case';
import { resolveGroupChanges, type GroupChanges } from './group-input';
import { GroupReader } from './group-reader.service';
import type { GroupDetail } from './group-views';
import { newInviteCode } from './invite-code';
import { StudyGroupRepository } from './study-group.repository';
import { GroupEvent } from '../groups.events';

/** Facilitators edit their group; the group's row lock keeps the edit consistent with concurrent joins. */
@Injectable()
export class UpdateGroupUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly catalog: CourseCatalog,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly writer: GroupMembershipWriter,
    private readonly reader: GroupReader,
    private readonly meetings: MeetingsService,
    private readonly outbox: Outbox,
  ) {}

  /** The caller has passed `GroupAction.Facilitate` for this group. */
  async execute(actor: Actor, groupId: string, changes: GroupChanges): Promise<GroupDetail> {
    if (changes.courseVersionId) await assertPublishedVersion(this.catalog, changes.courseVersionId);
    const viewer = await this.groups.viewerClock(actor.userId);
    await this.dataSource.transaction(async (manager) => {
      const group = await this.groups.lockById(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      const next = resolveGroupChanges(group, changes);
      const inviteCode = next.visibility === GroupVisibility.Private ? (group.inviteCode ?? newInviteCode()) : null;
      const kept = new Set(next.signupQuestions.map((q) => q.id));
      const dropped = group.signupQuestions.filter((q) => !kept.has(q.id)).map((q) => q.id);
      await manager.update(StudyGroup, { id: groupId }, { ...next, inviteCode, updatedAt: this.clock.now() });
      await this.members.dropAnswers(manager, groupId, dropped);
      // A raised capacity seats the waitlist at once.
      await this.writer.fillFreeSeats(manager, {
        id: groupId,
        capacity: next.capacity,
        memberCount: group.memberCount,
      });
      // Meetings not yet held keep the local times people agreed on, resolved in the new zone.
      if (next.timeZone !== group.timeZone) await this.meetings.followGroupZone(manager, groupId, this.clock.now());
      // Members' pending reminders are re-planned at the new lead times.
      if (next.reminderOffsetsMinutes.join() !== group.reminderOffsetsMinutes.join()) {
        await this.outbox.record(manager, GroupEvent.GroupRemindersChanged, groupId, {
          groupId,
          reminderOffsetsMinutes: next.reminderOffsetsMinutes,
        });
      }
    });
    return this.reader.detail(actor, groupId, viewer);
  }

  /** A new invite code; the old one stops working at once (people already in stay in). */
  async rotateInviteCode(groupId: string): Promise<{ inviteCode: string }> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.groups.lockById(manager, groupId);
      if (!group) throw new ResourceNotFoundError('group');
      if (group.visibility !== GroupVisibility.Private) throw new GroupsError(GroupsErrorCode.GroupNotPrivate);
      const inviteCode = newInviteCode();
      await manager.update(StudyGroup, { id: groupId }, { inviteCode, updatedAt: this.clock.now() });
      return { inviteCode };
    });
  }
}
