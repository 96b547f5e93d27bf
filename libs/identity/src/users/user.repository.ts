import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import { User } from './user.entity';

/** Queries about users. Deleted (anonymized) accounts are never returned as if they were active. */
@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findActiveById(id: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOne({ where: { id, deletedAt: IsNull() } });
  }

  findActiveByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: email.toLowerCase(), deletedAt: IsNull() } });
  }

  /** Locks the row for the rest of the caller's transaction. */
  lockActiveById(manager: EntityManager, id: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :id AND u.deleted_at IS NULL', { id })
      .getOne();
  }

  /** Active users, oldest first, one keyset page. */
  async pageActive(limit: number, cursor?: string): Promise<Page<User>> {
    const query = this.users
      .createQueryBuilder('u')
      // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
      .addSelect('u.created_at::text', 'cursor_at')
      .where('u.deleted_at IS NULL')
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (cursor) {
      const { after, id } = decodeCursor(cursor);
      query.andWhere('(u.created_at, u.id) > (:after::timestamptz, :id::uuid)', { after, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ cursor_at: string }>();
    const cursorAt = new Map(entities.map((u, i) => [u.id, raw[i]?.cursor_at ?? '']));
    return toPage(entities, limit, (u) => ({ after: cursorAt.get(u.id) ?? '', id: u.id }));
  }
}
