import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidInputError, minutesOfDay, Outbox, ResourceNotFoundError, type FieldProblem } from '@app/core';
import { User, type AvailabilityWindow } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { NotificationPreferences } from './notification-preferences.entity';
import type { NotificationSettings, OwnProfile, ProfileChanges, PublicProfile } from './profile.types';
import { IdentityEvent } from '../identity.events';

const pad = (n: number): string => String(n).padStart(2, '0');
const localTime = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Reading and changing one's own profile and preferences; reading others' public profiles. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly outbox: Outbox,
  ) {}

  async own(userId: string): Promise<OwnProfile> {
    return this.dataSource.transaction((manager) => this.load(manager, userId));
  }

  async publicProfile(userId: string): Promise<PublicProfile> {
    const user = await this.users.findActiveById(userId);
    if (!user) throw new ResourceNotFoundError('user');
    return {
      id: user.id,
      displayName: user.displayName,
      bio: user.bio,
      timeZone: user.timeZone,
      createdAt: user.createdAt,
    };
  }

  async update(userId: string, changes: ProfileChanges): Promise<OwnProfile> {
    if (changes.availability) assertWindowsValid(changes.availability);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockActiveById(manager, userId);
      if (!user) throw new ResourceNotFoundError('user');
      const { notifications, ...own } = changes;
      const userChanges: Partial<User> = {
        ...own,
        ...(own.displayName !== undefined ? { displayName: own.displayName.trim() } : {}),
      };
      const prefChanges = notifications ? toPreferenceColumns(notifications) : {};
      const prefsBefore = notifications ? await manager.findOne(NotificationPreferences, { where: { userId } }) : null;
      if (Object.keys(userChanges).length > 0) await manager.update(User, { id: userId }, userChanges);
      if (notifications) await manager.update(NotificationPreferences, { userId }, prefChanges);
      // What decides when and how we write to someone (digests and reminders are re-planned from it), by name.
      const fields: string[] = [
        ...(['timeZone', 'locale'] as const).filter((k) => own[k] !== undefined && own[k] !== user[k]),
        ...(Object.keys(prefChanges) as (keyof NotificationPreferences)[]).filter(
          (k) => prefsBefore?.[k] !== prefChanges[k],
        ),
      ];
      if (fields.length > 0) {
        await this.outbox.record(manager, IdentityEvent.UserPreferencesChanged, userId, { userId, fields });
      }
      return this.load(manager, userId);
    });
  }

  private async load(manager: EntityManager, userId: string): Promise<OwnProfile> {
    const user = await this.users.findActiveById(userId, manager);
    const prefs = await manager.findOne(NotificationPreferences, { where: { userId } });
    if (!user?.email || !prefs) throw new ResourceNotFoundError('user');
    return {
      id: user.id,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      displayName: user.displayName,
      bio: user.bio,
      timeZone: user.timeZone,
      locale: user.locale,
      role: user.role,
      availability: user.availability,
      languages: user.languages,
      notifications: toSettings(prefs),
      createdAt: user.createdAt,
    };
  }
}

export function toSettings(prefs: NotificationPreferences): NotificationSettings {
  return {
    digest: prefs.digest,
    digestHour: prefs.digestHour,
    digestWeekday: prefs.digestWeekday,
    categories: {
      reminders: prefs.reminders,
      reviewActivity: prefs.reviewActivity,
      announcements: prefs.announcements,
      badges: prefs.badges,
    },
    announcementDelivery: prefs.announcementDelivery,
    reviewActivityDelivery: prefs.reviewActivityDelivery,
    badgeDelivery: prefs.badgeDelivery,
    quietHours:
      prefs.quietStartMinute === null || prefs.quietEndMinute === null
        ? null
        : { start: localTime(prefs.quietStartMinute), end: localTime(prefs.quietEndMinute) },
  };
}

function toPreferenceColumns(n: NonNullable<ProfileChanges['notifications']>): Partial<NotificationPreferences> {
  return {
    ...(n.digest !== undefined ? { digest: n.digest } : {}),
    ...(n.digestHour !== undefined ? { digestHour: n.digestHour } : {}),
    ...(n.digestWeekday !== undefined ? { digestWeekday: n.digestWeekday } : {}),
    ...(n.categories ?? {}),
    ...(n.announcementDelivery !== undefined ? { announcementDelivery: n.announcementDelivery } : {}),
    ...(n.reviewActivityDelivery !== undefined ? { reviewActivityDelivery: n.reviewActivityDelivery } : {}),
    ...(n.badgeDelivery !== undefined ? { badgeDelivery: n.badgeDelivery } : {}),
    ...(n.quietHours === null
      ? { quietStartMinute: null, quietEndMinute: null }
      : n.quietHours
        ? { quietStartMinute: minutesOfDay(n.quietHours.start), quietEndMinute: minutesOfDay(n.quietHours.end) }
        : {}),
  };
}

/** Each window must end after it starts; windows of one weekday must not overlap. */
export function assertWindowsValid(windows: AvailabilityWindow[]): void {
  const problems: FieldProblem[] = [];
  windows.forEach((w, i) => {
    if (minutesOfDay(w.end) <= minutesOfDay(w.start)) {
      problems.push({ field: `availability.${i}.end`, message: 'end must be after start on the same day' });
    }
  });
  const sorted = windows
    .map((w, i) => ({ ...w, i }))
    .sort((a, b) => a.weekday - b.weekday || minutesOfDay(a.start) - minutesOfDay(b.start));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (prev.weekday === cur.weekday && minutesOfDay(cur.start) < minutesOfDay(prev.end)) {
      problems.push({ field: `availability.${cur.i}`, message: `overlaps availability.${prev.i}` });
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}
