import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { ProfileService } from '@app/identity';
import { nextAllowedInstant, quietHoursOf } from '../../quiet-hours/quiet-hours';
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
 * the page shows what was just saved. A digest due in quiet hours goes when they end, as the releaser sends it.
 */
@Injectable()
export class NextDigestQuery {
  constructor(
    private readonly profiles: ProfileService,
    private readonly clock: Clock,
  ) {}

  async forUser(userId: string): Promise<NextDigestView> {
    const profile = await this.profiles.own(userId);
    const { notifications, timeZone } = profile;
    const planned = nextDigest(notifications, timeZone, this.clock.now());
    if (!planned) return { frequency: null, dueAt: null, timeZone };
    const quiet = notifications.quietHours
      ? quietHoursOf(minuteOf(notifications.quietHours.start), minuteOf(notifications.quietHours.end))
      : null;
    return { frequency: planned.frequency, dueAt: nextAllowedInstant(planned.dueAt, timeZone, quiet), timeZone };
  }
}

const minuteOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
