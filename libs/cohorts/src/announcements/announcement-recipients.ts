import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** How many people an announcement in `cohortId` by `authorId` is emailed to at once. */
export type AnnouncementRecipientCount = (
  manager: EntityManager,
  cohortId: string,
  authorId: string,
) => Promise<number>;

/**
 * Announcements are emailed by the notifications domain, which owns who wants them and how (categories, digest-only):
 * it registers here how to count them, so the facilitator learns at once how many people will get it by email,
 * without the cohorts domain knowing the rule. With no notifications domain loaded, nobody is emailed: 0.
 */
@Injectable()
export class AnnouncementRecipients {
  private counter: AnnouncementRecipientCount | null = null;

  register(counter: AnnouncementRecipientCount): void {
    if (this.counter) throw new Error('Announcement recipients are counted by one domain only');
    this.counter = counter;
  }

  count(manager: EntityManager, cohortId: string, authorId: string): Promise<number> {
    return this.counter ? this.counter(manager, cohortId, authorId) : Promise.resolve(0);
  }
}
