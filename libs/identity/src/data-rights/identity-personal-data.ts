import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { NotificationPreferences } from '../profile/notification-preferences.entity';
import { toSettings } from '../profile/profile.service';
import { RefreshToken } from '../sessions/refresh-token.entity';
import { UserToken } from '../tokens/user-token.entity';
import { User } from '../users/user.entity';

export const DELETED_USER_NAME = 'Deleted user';

/** The account itself: profile, preferences and sessions. */
@Injectable()
export class IdentityPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'account';

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    const user = await manager.findOneOrFail(User, { where: { id: userId } });
    const prefs = await manager.findOne(NotificationPreferences, { where: { userId } });
    const sessions = await manager.find(RefreshToken, {
      where: { userId },
      order: { createdAt: 'ASC' },
      select: { familyId: true, createdAt: true, expiresAt: true, usedAt: true, revokedAt: true },
    });
    return {
      id: user.id,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      displayName: user.displayName,
      bio: user.bio,
      timeZone: user.timeZone,
      locale: user.locale,
      role: user.role,
      availability: user.availability,
      languages: user.languages,
      notifications: prefs ? toSettings(prefs) : null,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      sessions,
    };
  }

  /**
   * The row stays (others' content points at it) but holds nothing personal: no email, no password, a generic
   * name. A bumped sessionVersion kills access tokens already issued.
   */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(RefreshToken, { userId });
    await manager.delete(UserToken, { userId });
    await manager.delete(NotificationPreferences, { userId });
    await manager
      .createQueryBuilder()
      .update(User)
      .set({
        email: null,
        emailVerifiedAt: null,
        passwordHash: null,
        displayName: DELETED_USER_NAME,
        bio: null,
        timeZone: 'UTC',
        availability: [],
        languages: [],
        sessionVersion: () => 'session_version + 1',
        deletedAt: this.clock.now(),
      })
      .where('id = :userId', { userId })
      .execute();
  }
}
