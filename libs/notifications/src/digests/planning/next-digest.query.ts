import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { ProfileService } from '@app/identity';
import { nextDigest } from './next-digest';

export interface NextDigestView {
  /** Null while digests are off. */
  frequency: 'daily' | 'weekly' | null;
  dueAt: Date | null;
  /** The profile's zone, in which the chosen hour is kept. */
  timeZone: string;
}

/**
 * When someone's next digest comes, for their settings page. Derived from their present zone and preferences by
 * the planner's own rule rather than read from the pending row, which the relay replaces a moment after a change:
 * the page shows what was just saved.
 */
@Injectable()
export class NextDigestQuery {
  constructor(
    private readonly profiles: ProfileService,
    private readonly clock: Clock,
  ) {}

  async forUser(userId: string): Promise<NextDigestView> {
    const profile = await this.profiles.own(userId);
    const planned = nextDigest(profile.notifications, profile.timeZone, this.clock.now());
    return { frequency: planned?.frequency ?? null, dueAt: planned?.dueAt ?? null, timeZone: profile.timeZone };
  }
}
