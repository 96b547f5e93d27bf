import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import { GroupEvent } from '../groups.events';
import { StudyGroupRepository } from '../groups/study-group.repository';
import type { StudyGroup } from '../study-group.entity';
import { GroupRole, MembershipStatus } from './group-member.entity';
import { GroupMemberRepository } from './group-member.repository';
import type { PlacedGroupsInput } from './placed-group';

/** The counts a seat decision needs, from the group's locked row. */
export type SeatedGroup = Pick<StudyGroup, 'id' | 'capacity' | 'memberCount'>;

export enum SeatOutcome {
  Active = 'active',
  Waitlisted = 'waitlisted',
  /** No seat free and no waitlist asked for: nothing was written. */
  Full = 'full',
  /** The person was already in the target group: nothing was written. */
  Unchanged = 'unchanged',
}

/**
 * The one writer of `group_members` and of `study_groups.member_count`: every seat taken, freed or moved goes
 * through it, so a group's capacity is enforced here and nowhere else (the table's CHECK is the last guard).
 * Every method runs in the caller's transaction (its `manager`) and records the groups' events there. Methods
 * given a group id lock the group rows themselves, in id order, the order every multi-group transaction uses.
 */
@Injectable()
export class GroupMembershipWriter {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly groups: StudyGroupRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  /**
   * Creates placed groups with their members, in two statements whatever their number. No per-member event:
   * the organizer's own event (e.g. `cohort.groups-formed`) names the new groups.
   */
  async createPlacedGroups(manager: EntityManager, input: PlacedGroupsInput): Promise<void> {
    if (input.groups.length === 0) return;
    const crowded = input.groups.find((g) => g.memberIds.length > input.capacity);
    if (crowded) throw new Error(`group ${crowded.id} would have more members than its ${input.capacity} seats`);
    await this.groups.insertPlacedGroups(manager, input, this.clock.now());
    await this.members.insertActiveMany(
      manager,
      input.groups.flatMap((g) => g.memberIds.map((userId) => ({ groupId: g.id, userId }))),
      this.clock.now(),
    );
  }

  /**
   * Takes a seat in `group` (whose row the caller has locked) if one is free; otherwise the end of the waitlist
   * when `waitlist` is set, or nothing (`Full`).
   */
  async seatLocked(
    manager: EntityManager,
    group: SeatedGroup,
    userId: string,
    options: { role?: GroupRole; signupAnswers?: Record<string, string>; waitlist: boolean },
  ): Promise<SeatOutcome> {
    const now = this.clock.now();
    const signupAnswers = options.signupAnswers ?? {};
    if (group.memberCount < group.capacity) {
      await this.members.insertActive(manager, {
        groupId: group.id,
        userId,
        role: options.role ?? GroupRole.Member,
        signupAnswers,
        now,
      });
      await this.addToMemberCount(manager, group, 1);
      await this.outbox.record(manager, GroupEvent.GroupMemberJoined, group.id, { groupId: group.id, userId });
      return SeatOutcome.Active;
    }
    if (!options.waitlist) return SeatOutcome.Full;
    await this.members.insertWaitlisted(manager, { groupId: group.id, userId, signupAnswers, now });
    await this.outbox.record(manager, GroupEvent.GroupMemberWaitlisted, group.id, { groupId: group.id, userId });
    return SeatOutcome.Waitlisted;
  }

  /**
   * Takes `member` out of `group` (whose row the caller has locked); a seat that frees goes to the head of the
   * waitlist at once.
   */
  async removeLocked(
    manager: EntityManager,
    group: SeatedGroup,
    member: { userId: string; status: MembershipStatus },
  ): Promise<void> {
    await this.members.remove(manager, group.id, member.userId);
    await this.outbox.record(manager, GroupEvent.GroupMemberLeft, group.id, {
      groupId: group.id,
      userId: member.userId,
    });
    if (member.status !== MembershipStatus.Active) return;
    await this.addToMemberCount(manager, group, -1);
    await this.fillFreeSeats(manager, group);
  }

  /** Seats a person in a group as a member if a seat is free (no waitlist). */
  async add(manager: EntityManager, groupId: string, userId: string): Promise<SeatOutcome> {
    const [group] = await this.groups.lockMany(manager, [groupId]);
    if (!group) throw new Error(`group ${groupId} not found`);
    if (await this.members.find(manager, groupId, userId)) return SeatOutcome.Unchanged;
    return this.seatLocked(manager, group, userId, { waitlist: false });
  }

  /**
   * Takes a person out of whichever of `groupIds` they are in (active or waitlisted). Returns that group's id,
   * or null when they were in none.
   */
  async removeFromAny(manager: EntityManager, groupIds: readonly string[], userId: string): Promise<string | null> {
    const memberships = await this.members.membershipsAmong(manager, groupIds, userId);
    if (memberships.length === 0) return null;
    const locked = await this.groups.lockMany(
      manager,
      memberships.map((m) => m.groupId),
    );
    for (const group of locked) {
      const member = memberships.find((m) => m.groupId === group.id)!;
      await this.removeLocked(manager, group, member);
    }
    return memberships[0]!.groupId;
  }

  /**
   * Moves a person from `fromGroupId` (or from no group) into `toGroupId` when it has a free seat, both rows
   * locked in id order. Moving someone into the group they are in changes nothing.
   */
  async move(
    manager: EntityManager,
    userId: string,
    fromGroupId: string | null,
    toGroupId: string,
  ): Promise<SeatOutcome> {
    if (fromGroupId === toGroupId) return SeatOutcome.Unchanged;
    const locked = await this.groups.lockMany(manager, fromGroupId ? [fromGroupId, toGroupId] : [toGroupId]);
    const target = locked.find((g) => g.id === toGroupId);
    if (!target) throw new Error(`group ${toGroupId} not found`);
    if (target.memberCount >= target.capacity) return SeatOutcome.Full;
    const source = locked.find((g) => g.id === fromGroupId);
    const member = source ? await this.members.find(manager, source.id, userId) : null;
    if (source && member) await this.removeLocked(manager, source, member);
    return this.seatLocked(manager, target, userId, { waitlist: false });
  }

  /**
   * Sets the capacity of several groups (never below their current members, so no one loses a seat), their rows
   * locked in id order, then seats the waitlists of the groups that grew. Groups already right are not written.
   */
  async fitCapacity(manager: EntityManager, groupIds: readonly string[], capacity: number): Promise<void> {
    if (groupIds.length === 0) return;
    const locked = await this.groups.lockMany(manager, [...groupIds]);
    const changed = locked.filter((g) => g.capacity !== Math.max(g.memberCount, capacity));
    if (changed.length === 0) return;
    await this.groups.setCapacityAtLeastMembers(
      manager,
      changed.map((g) => g.id),
      capacity,
      this.clock.now(),
    );
    for (const group of changed) {
      group.capacity = Math.max(group.memberCount, capacity);
      await this.fillFreeSeats(manager, group);
    }
  }

  /**
   * Gives free seats to the waitlist, in waitlist order, in the transaction that frees them (a leave, a removal,
   * an erasure, a raised capacity), so a seat is never left empty while someone waits, and never given twice.
   * `group` must be the locked row with its current counts. Returns who was promoted, in order.
   */
  async fillFreeSeats(manager: EntityManager, group: SeatedGroup): Promise<string[]> {
    const promoted = await this.members.nextWaitlisted(manager, group.id, group.capacity - group.memberCount);
    if (promoted.length === 0) return promoted;
    await this.members.activate(manager, group.id, promoted, this.clock.now());
    await this.addToMemberCount(manager, group, promoted.length);
    for (const userId of promoted) {
      await this.outbox.record(manager, GroupEvent.GroupMemberPromoted, group.id, { groupId: group.id, userId });
    }
    return promoted;
  }

  /** Keeps `member_count` in step with the active rows, in the row and in the caller's copy of it. */
  private async addToMemberCount(manager: EntityManager, group: SeatedGroup, delta: number): Promise<void> {
    await this.groups.addToMemberCount(manager, group.id, delta);
    group.memberCount += delta;
  }
}
