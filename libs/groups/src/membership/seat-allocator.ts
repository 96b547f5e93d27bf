import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import type { StudyGroup } from '../study-group.entity';
import { StudyGroupRepository } from '../groups/study-group.repository';
import { GroupMemberRepository } from './group-member.repository';
import { GroupEvent } from '../groups.events';

/**
 * Gives free seats to the waitlist, in waitlist order. Called, with the group's row locked, in the transaction
 * that frees a seat (a leave, a removal, an erasure, a raised capacity), so a seat is never left empty while
 * someone waits, and never given twice.
 */
@Injectable()
export class SeatAllocator {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  /** Returns who was promoted, in order. `group` must be the locked row with its current counts. */
  async fillFreeSeats(
    manager: EntityManager,
    group: Pick<StudyGroup, 'id' | 'capacity' | 'memberCount'>,
  ): Promise<string[]> {
    const promoted = await this.members.nextWaitlisted(manager, group.id, group.capacity - group.memberCount);
    if (promoted.length === 0) return promoted;
    await this.members.activate(manager, group.id, promoted, this.clock.now());
    await this.groups.addToMemberCount(manager, group.id, promoted.length);
    group.memberCount += promoted.length;
    for (const userId of promoted) {
      await this.outbox.record(manager, GroupEvent.GroupMemberPromoted, group.id, { groupId: group.id, userId });
    }
    return promoted;
  }
}
