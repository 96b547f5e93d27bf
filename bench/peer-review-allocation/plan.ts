import { seededRandom } from '../peer-review-accuracy/simulate';

const HOUR_MS = 3_600_000;
const LEASE_MS = 2 * HOUR_MS;

/** How the simulated learners behave; every share is of all learners. */
export const BEHAVIOUR = {
  /** Hand in after their own due date (the cohorts accept late work, flagged). */
  lateShare: 0.05,
  /** Give fewer than m reviews (0 to m - 1). */
  shirkerShare: 0.1,
  /** Give m + 1 to m + 3 reviews. */
  keenShare: 0.05,
  /** Of the reviews taken, the share whose lease is left to expire (the submission goes back to the pool). */
  abandonShare: 0.05,
  /** Minutes from taking a review to submitting it: uniform in this range (the lease is 120). */
  reviewMinutes: [15, 90] as const,
  /** Mean hours before the due date that on-time work is handed in (exponential, clipped to the release). */
  meanHoursEarly: 30,
  /** Mean hours after their own hand-in (or their due date, if later) that a learner sits down to review. */
  meanHoursToReview: 20,
} as const;

export type Action =
  | { kind: 'submit'; at: number; learner: number }
  | { kind: 'next'; at: number; learner: number; abandon: boolean; reviewMs: number };

export interface PlannedLearner {
  /** When the module is released to them (ms), 00:00 in their zone. */
  releasedAt: number;
  /** Their own due instant (ms), 23:59 in their zone. */
  dueAt: number;
  /** When their review window closes (ms). */
  reviewClosesAt: number;
}

/**
 * Every learner's hand-in and review sessions over the simulated week, from a seed: the same seed gives the same
 * week. Each `next` that gets a lease schedules its own review (`reviewMs` later) unless `abandon`.
 */
export function planWeek(learners: readonly PlannedLearner[], reviewsPerLearner: number, seed: number): Action[] {
  const random = seededRandom(seed);
  const exponential = (mean: number): number => -Math.log(1 - random()) * mean;
  const actions: Action[] = [];
  learners.forEach((learner, i) => {
    const late = random() < BEHAVIOUR.lateShare;
    const submitAt = late
      ? learner.dueAt + random() * 48 * HOUR_MS
      : Math.max(learner.releasedAt + HOUR_MS, learner.dueAt - exponential(BEHAVIOUR.meanHoursEarly * HOUR_MS));
    actions.push({ kind: 'submit', at: submitAt, learner: i });

    const kind = random();
    const reviews =
      kind < BEHAVIOUR.shirkerShare
        ? Math.floor(random() * reviewsPerLearner)
        : kind < BEHAVIOUR.shirkerShare + BEHAVIOUR.keenShare
          ? reviewsPerLearner + 1 + Math.floor(random() * 3)
          : reviewsPerLearner;
    // Reviews in one or two sittings; the second a day later.
    let at = Math.max(submitAt, learner.dueAt - 12 * HOUR_MS) + exponential(BEHAVIOUR.meanHoursToReview * HOUR_MS);
    const [shortest, longest] = BEHAVIOUR.reviewMinutes;
    for (let r = 0; r < reviews; r += 1) {
      if (r === Math.ceil(reviews / 2) && random() < 0.5) at += 24 * HOUR_MS;
      if (at >= learner.reviewClosesAt) break;
      const reviewMs = (shortest + random() * (longest - shortest)) * 60_000;
      const abandon = random() < BEHAVIOUR.abandonShare;
      actions.push({ kind: 'next', at, learner: i, abandon, reviewMs });
      // Whoever walked away from a lease comes back after it ran out (`next` would hand the open one back).
      at += (abandon ? LEASE_MS : reviewMs) + 5 * 60_000;
    }
  });
  return actions.sort((a, b) => a.at - b.at);
}
