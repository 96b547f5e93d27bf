import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from '@app/identity';
import type { PlacedGroupsInput } from '../membership/placed-group';
import { StudyGroup } from '../study-group.entity';
import type { ViewerClock } from './time-in-zones';

/**
 * Queries about study groups. Every change to a group's members or seats happens while holding the group's row
 * lock (`lock*`), which serializes joins, leaves and capacity edits of one group and nothing else.
 */
@Injectable()
export class StudyGroupRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<StudyGroup | null> {
    return this.dataSource.manager.findOne(StudyGroup, { where: { id } });
  }

  findByInviteCode(inviteCode: string): Promise<StudyGroup | null> {
    return this.dataSource.manager.findOne(StudyGroup, { where: { inviteCode } });
  }

  /** SELECT ... FOR UPDATE: held until the caller's transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<StudyGroup | null> {
    return manager
      .getRepository(StudyGroup)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where('g.id = :id', { id })
      .getOne();
  }

  lockByInviteCode(manager: EntityManager, inviteCode: string): Promise<StudyGroup | null> {
    return manager
      .getRepository(StudyGroup)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where('g.invite_code = :inviteCode', { inviteCode })
      .getOne();
  }

  /** Locks several groups in id order, the order every multi-group transaction uses, so two never deadlock. */
  lockMany(manager: EntityManager, ids: string[]): Promise<StudyGroup[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(StudyGroup)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where('g.id IN (:...ids)', { ids })
      .orderBy('g.id', 'ASC')
      .getMany();
  }

  /**
   * Keeps `member_count` in step with the active rows (the CHECK constraint refuses more than capacity). Only
   * `GroupMembershipWriter` calls it.
   */
  async addToMemberCount(manager: EntityManager, id: string, delta: number): Promise<void> {
    await manager.query('UPDATE study_groups SET member_count = member_count + $2 WHERE id = $1', [id, delta]);
  }

  /** Placed groups in one statement, each counting its members (inserted next by the writer). */
  async insertPlacedGroups(manager: EntityManager, input: PlacedGroupsInput, now: Date): Promise<void> {
    const { groups } = input;
    await manager.query(
      `INSERT INTO study_groups (id, name, description, course_version_id, language, time_zone, mode, capacity,
                                 member_count, signup_open, visibility, invite_code, created_by, created_at, updated_at)
       SELECT t.id, t.name, '', $7, t.language, t.time_zone, 'online', $8, t.member_count, false, 'private',
              t.invite_code, $9, $10, $10
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
              AS t(id, name, language, time_zone, member_count, invite_code)`,
      [
        groups.map((g) => g.id),
        groups.map((g) => g.name),
        groups.map((g) => g.language),
        groups.map((g) => g.timeZone),
        groups.map((g) => g.memberIds.length),
        groups.map((g) => g.inviteCode),
        input.courseVersionId,
        input.capacity,
        input.createdBy,
        now,
      ],
    );
  }

  /** Capacity = max(members, `capacity`) for each group, in one statement; the caller holds their locks. */
  async setCapacityAtLeastMembers(manager: EntityManager, ids: string[], capacity: number, now: Date): Promise<void> {
    await manager.query(
      `UPDATE study_groups SET capacity = GREATEST(member_count, $2), updated_at = $3 WHERE id = ANY($1::uuid[])`,
      [ids, capacity, now],
    );
  }

  /** The zone and language a person's responses are rendered in. */
  async viewerClock(userId: string): Promise<ViewerClock> {
    const user = await this.dataSource.manager.findOne(User, {
      where: { id: userId },
      select: { id: true, timeZone: true, locale: true },
    });
    return { timeZone: user?.timeZone ?? 'UTC', locale: user?.locale ?? 'en' };
  }
}
