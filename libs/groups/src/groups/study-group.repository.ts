import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from '@app/identity';
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

  /** Keeps `member_count` in step with the active rows (the CHECK constraint refuses more than capacity). */
  async addToMemberCount(manager: EntityManager, id: string, delta: number): Promise<void> {
    await manager.query('UPDATE study_groups SET member_count = member_count + $2 WHERE id = $1', [id, delta]);
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
