import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidInputError, Outbox, type Actor } from '@app/core';
import { CourseCatalog } from '@app/courses';
import { VerifiedEmailPolicy } from '@app/identity';
import { GroupRole } from '../membership/group-member.entity';
import { GroupMemberRepository } from '../membership/group-member.repository';
import { GroupVisibility, StudyGroup } from '../study-group.entity';
import { resolveNewGroup, type GroupDraft } from './group-input';
import { GroupReader } from './group-reader.service';
import type { GroupDetail } from './group-views';
import { newInviteCode } from './invite-code';
import { StudyGroupRepository } from './study-group.repository';
import { GroupEvent } from '../groups.events';

/** Anyone signed in with a verified email address may start a group; they become its facilitator and its first member. */
@Injectable()
export class CreateGroupUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly catalog: CourseCatalog,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly reader: GroupReader,
    private readonly verifiedEmails: VerifiedEmailPolicy,
  ) {}

  async execute(actor: Actor, draft: GroupDraft): Promise<GroupDetail> {
    await this.verifiedEmails.require(actor.userId);
    const state = resolveNewGroup(draft);
    await assertPublishedVersion(this.catalog, state.courseVersionId);
    const viewer = await this.groups.viewerClock(actor.userId);
    const groupId = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const group = manager.create(StudyGroup, {
        ...state,
        inviteCode: state.visibility === GroupVisibility.Private ? newInviteCode() : null,
        // The creator holds the first seat: capacity counts everyone active, facilitators included.
        memberCount: 1,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(StudyGroup, group);
      await this.members.insertActive(manager, {
        groupId: group.id,
        userId: actor.userId,
        role: GroupRole.Facilitator,
        signupAnswers: {},
        now,
      });
      await this.outbox.record(manager, GroupEvent.GroupCreated, group.id, {
        groupId: group.id,
        createdBy: actor.userId,
      });
      return group.id;
    });
    return this.reader.detail(actor, groupId, viewer);
  }
}

/** Groups pin a published version; a draft or an unknown id is the client's mistake, named as such. */
export async function assertPublishedVersion(catalog: CourseCatalog, versionId: string | null): Promise<void> {
  if (versionId === null) return;
  if (await catalog.findPublishedVersion(versionId)) return;
  throw new InvalidInputError([{ field: 'courseVersionId', message: 'no published course version has this id' }]);
}
