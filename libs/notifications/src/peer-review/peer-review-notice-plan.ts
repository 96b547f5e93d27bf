import { NotificationKind } from '../schedule/notification-kind';
import type { ScheduleEntry } from '../schedule/notification-schedule';
import { SCHEDULE_REPLAN_DAYS } from '../retention/schedule-retention';
import {
  leaseExpiringKey,
  reviewAssignedKey,
  reviewReceivedKey,
  reviewsDueKey,
  scoreReleasedKey,
  shortOfKKey,
} from './peer-review-keys';
import type { ReviewNoticeFacts, SubmissionNoticeFacts } from './peer-review-notice.repository';

/** "Your lease is about to expire" goes this long before it does: a duration, the lease being one. */
export const LEASE_WARNING_LEAD_MS = 30 * 60_000;
/** "Reviews due" goes this long before the learner's review window closes (then held for their quiet hours). */
export const REVIEWS_DUE_LEAD_MS = 24 * 3600_000;

const DAY_MS = 24 * 3600_000;

/**
 * Keys that retention may have deleted are never planned again: nothing here plans a row more than
 * SCHEDULE_REPLAN_DAYS after the instant it is about (a review submitted, a window closed), so a replayed event
 * repeats nothing (see libs/notifications/src/retention/schedule-retention.ts).
 */
const recent = (instant: Date, now: Date): boolean => now.getTime() - instant.getTime() < SCHEDULE_REPLAN_DAYS * DAY_MS;

const ids = (facts: { cohortId: string; assignmentId: string }) => ({
  cohortId: facts.cohortId,
  assignmentId: facts.assignmentId,
});

/** A new lease: "review assigned" at once and its warning before it ends, while the lease runs. */
export function planLeased(reviews: readonly ReviewNoticeFacts[], now: Date): ScheduleEntry[] {
  return reviews.flatMap((r) => {
    if (!r.reviewerId || r.submittedAt || r.leaseExpiresAt <= now) return [];
    const payload = { ...ids(r), reviewId: r.reviewId, leaseExpiresAt: r.leaseExpiresAt.toISOString() };
    const entries: ScheduleEntry[] = [
      {
        dedupeKey: reviewAssignedKey(r.reviewId),
        kind: NotificationKind.ReviewAssigned,
        userId: r.reviewerId,
        subjectId: r.reviewId,
        dueAt: now,
        payload,
      },
    ];
    const warnAt = new Date(r.leaseExpiresAt.getTime() - LEASE_WARNING_LEAD_MS);
    if (warnAt > now) {
      entries.push({
        dedupeKey: leaseExpiringKey(r.reviewId, r.leaseExpiresAt),
        kind: NotificationKind.ReviewLeaseExpiring,
        userId: r.reviewerId,
        subjectId: r.reviewId,
        dueAt: warnAt,
        payload,
      });
    }
    return entries;
  });
}

/** A submitted review: "a review arrived" to the author, once. */
export function planReceived(reviews: readonly ReviewNoticeFacts[], now: Date): ScheduleEntry[] {
  return reviews.flatMap((r) =>
    r.submittedAt && !r.removedAt && recent(r.submittedAt, now)
      ? [
          {
            dedupeKey: reviewReceivedKey(r.reviewId),
            kind: NotificationKind.ReviewReceived,
            userId: r.authorId,
            subjectId: r.reviewId,
            dueAt: now,
            payload: { ...ids(r), reviewId: r.reviewId, submissionId: r.submissionId },
          },
        ]
      : [],
  );
}

/**
 * A learner's submission: "reviews due" 24 h before their window closes (if still ahead) and "score released" at
 * the close (brought forward when a review or a facilitator releases it first).
 */
export function planForSubmissions(submissions: readonly SubmissionNoticeFacts[], now: Date): ScheduleEntry[] {
  return submissions.flatMap((s) => {
    const closes = s.reviewClosesAt;
    const payload = { ...ids(s), submissionId: s.submissionId, closesAt: closes.toISOString() };
    const entries: ScheduleEntry[] = [];
    const dueAt = new Date(closes.getTime() - REVIEWS_DUE_LEAD_MS);
    if (dueAt > now) {
      entries.push({
        dedupeKey: reviewsDueKey(s.submissionId, closes),
        kind: NotificationKind.ReviewsDue,
        userId: s.authorId,
        subjectId: s.submissionId,
        dueAt,
        payload,
      });
    }
    if (recent(closes, now)) entries.push(scoreEntry(s, closes > now ? closes : now));
    return entries;
  });
}

/** "Score released", due at `dueAt`. */
export function scoreEntry(s: SubmissionNoticeFacts, dueAt: Date): ScheduleEntry {
  return {
    dedupeKey: scoreReleasedKey(s.submissionId),
    kind: NotificationKind.ScoreReleased,
    userId: s.authorId,
    subjectId: s.submissionId,
    dueAt,
    payload: { ...ids(s), submissionId: s.submissionId },
  };
}

/** "Short of k" to each facilitator at the assignment's last window close, while it is ahead. */
export function planShortOfK(
  closes: readonly { cohortId: string; assignmentId: string; closesAt: Date }[],
  facilitators: ReadonlyMap<string, readonly string[]>,
  now: Date,
): ScheduleEntry[] {
  return closes.flatMap((c) =>
    c.closesAt > now
      ? (facilitators.get(c.cohortId) ?? []).map((userId) => ({
          dedupeKey: shortOfKKey(c.assignmentId, c.closesAt, userId),
          kind: NotificationKind.ReviewsShortOfK,
          userId,
          subjectId: c.assignmentId,
          dueAt: c.closesAt,
          payload: { ...ids(c), closesAt: c.closesAt.toISOString() },
        }))
      : [],
  );
}
