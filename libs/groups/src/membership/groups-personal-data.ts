import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { StudyGroupRepository } from '../groups/study-group.repository';
import { StudyGroup } from '../study-group.entity';
import { GroupMemberRepository } from './group-member.repository';
import { LastFacilitatorRule, LeaveGroupUseCase } from './leave-group.use-case';

/**
 * A person's part in study groups: memberships, roles, waitlist places and their own signup answers.
 *
 * Erasure removes every membership (answers go with the row), with the same effects as leaving: the freed seat
 * goes to the waitlist and the outbox hears of both. A group whose last facilitator is erased passes to its
 * senior co-facilitator or member. Groups the person created stay, credited to the anonymized account.
 */
@Injectable()
export class GroupsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'groups';

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
    private readonly leaving: LeaveGroupUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    const memberships = (await this.members.exportOfUser(manager, userId)).map((m) => ({
      groupId: m.groupId,
      groupName: m.groupName,
      role: m.role,
      status: m.status,
      joinedAt: m.joinedAt,
      waitlistedAt: m.waitlistedAt,
      waitlistPosition: m.waitlistPosition,
      // With the question each answers, so the export reads on its own.
      signupAnswers: Object.entries(m.signupAnswers).map(([questionId, answer]) => ({
        questionId,
        question: m.signupQuestions.find((q) => q.id === questionId)?.prompt ?? null,
        answer,
      })),
    }));
    const groupsCreated = await manager.find(StudyGroup, {
      where: { createdBy: userId },
      order: { createdAt: 'ASC' },
      select: { id: true, name: true, createdAt: true },
    });
    return { memberships, groupsCreated };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    const groups = await this.groups.lockMany(manager, await this.members.groupIdsOfUser(manager, userId));
    for (const group of groups) {
      const member = await this.members.find(manager, group.id, userId);
      if (member) await this.leaving.detach(manager, group, member, LastFacilitatorRule.HandOver);
    }
  }
}
