import { NotificationKind } from '../schedule/notification-kind';
import { planForSubmissions, planLeased, planReceived, planShortOfK } from './peer-review-notice-plan';
import type { ReviewNoticeFacts, SubmissionNoticeFacts } from './peer-review-notice.repository';

const NOW = new Date('2026-03-03T12:00:00Z');
const HOUR = 3600_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

const review = (over: Partial<ReviewNoticeFacts> = {}): ReviewNoticeFacts => ({
  reviewId: 'r1',
  submissionId: 's1',
  cohortId: 'c1',
  assignmentId: 'a1',
  reviewerId: 'bo',
  staff: false,
  leaseExpiresAt: later(2 * HOUR),
  submittedAt: null,
  removedAt: null,
  authorId: 'ana',
  reviewerName: 'Bo',
  received: 0,
  ...over,
});

const submission = (over: Partial<SubmissionNoticeFacts> = {}): SubmissionNoticeFacts => ({
  submissionId: 's1',
  cohortId: 'c1',
  assignmentId: 'a1',
  authorId: 'ana',
  reviewClosesAt: later(5 * 24 * HOUR),
  received: 0,
  given: 0,
  releasedAt: null,
  ...over,
});

describe('peer-review notification plans', () => {
  it('a running lease: "assigned" now, its warning 30 min before it ends, both to the reviewer', () => {
    const entries = planLeased([review()], NOW);
    expect(entries.map((e) => [e.kind, e.userId, e.dueAt.toISOString()])).toEqual([
      [NotificationKind.ReviewAssigned, 'bo', NOW.toISOString()],
      [NotificationKind.ReviewLeaseExpiring, 'bo', later(90 * 60_000).toISOString()],
    ]);
    // The warning's key names the lease's end: a renewed lease is another lease.
    expect(entries[1]!.dedupeKey).toBe(`pr:lease:r1:${later(2 * HOUR).toISOString()}`);
  });

  it('plans nothing for a lease that ended or was submitted, and no warning for a lease shorter than 30 min', () => {
    expect(planLeased([review({ leaseExpiresAt: NOW })], NOW)).toEqual([]);
    expect(planLeased([review({ submittedAt: NOW })], NOW)).toEqual([]);
    expect(planLeased([review({ reviewerId: null })], NOW)).toEqual([]);
    expect(planLeased([review({ leaseExpiresAt: later(20 * 60_000) })], NOW).map((e) => e.kind)).toEqual([
      NotificationKind.ReviewAssigned,
    ]);
  });

  it('"a review arrived" goes to the author, only for a counted review submitted within the re-plan bound', () => {
    const [received] = planReceived([review({ submittedAt: NOW })], NOW);
    expect(received).toMatchObject({
      kind: NotificationKind.ReviewReceived,
      userId: 'ana',
      dedupeKey: 'pr:received:r1',
    });
    expect(planReceived([review({ submittedAt: NOW, removedAt: NOW })], NOW)).toEqual([]);
    expect(planReceived([review({ submittedAt: new Date(NOW.getTime() - 9 * 24 * HOUR) })], NOW)).toEqual([]);
  });

  it('a submission: reviews due 24 h before its window closes and the score at the close', () => {
    const closes = later(5 * 24 * HOUR);
    const entries = planForSubmissions([submission()], NOW);
    expect(entries.map((e) => [e.kind, e.userId, e.dueAt.toISOString()])).toEqual([
      [NotificationKind.ReviewsDue, 'ana', new Date(closes.getTime() - 24 * HOUR).toISOString()],
      [NotificationKind.ScoreReleased, 'ana', closes.toISOString()],
    ]);
    // Closing within 24 h: no reminder, the score still at the close; closed long ago: nothing.
    expect(planForSubmissions([submission({ reviewClosesAt: later(HOUR) })], NOW).map((e) => e.kind)).toEqual([
      NotificationKind.ScoreReleased,
    ]);
    expect(planForSubmissions([submission({ reviewClosesAt: later(-9 * 24 * HOUR) })], NOW)).toEqual([]);
  });

  it('"short of k" goes to each facilitator at the last close, while it is ahead', () => {
    const closesAt = later(24 * HOUR);
    const facilitators = new Map([['c1', ['fa', 'fb']]]);
    const entries = planShortOfK([{ cohortId: 'c1', assignmentId: 'a1', closesAt }], facilitators, NOW);
    expect(entries.map((e) => [e.userId, e.dueAt.toISOString(), e.subjectId])).toEqual([
      ['fa', closesAt.toISOString(), 'a1'],
      ['fb', closesAt.toISOString(), 'a1'],
    ]);
    expect(planShortOfK([{ cohortId: 'c1', assignmentId: 'a1', closesAt: NOW }], facilitators, NOW)).toEqual([]);
  });
});
