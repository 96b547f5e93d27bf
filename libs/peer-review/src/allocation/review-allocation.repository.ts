import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@app/core';

export interface ClaimRequest {
  cohortId: string;
  assignmentId: string;
  reviewerId: string;
  now: Date;
  leaseExpiresAt: Date;
  /** Reviews each submission needs (k). */
  needed: number;
  /** Authors whose work this reviewer must not get (their own cohort group, when the cohort says so). */
  excludedAuthors: readonly string[];
}

/**
 * A submission's reviews that count towards its need: submitted ones, and leases still running at `now` (the
 * parameter named). An expired lease stops counting the moment it expires, so the submission is back in the pool
 * with no job; so does a review a facilitator removed from scoring. Counted for one locked submission `s`.
 */
const activeReviews = (now: string): string => `
  (SELECT count(*) FROM peer_reviews r
    WHERE r.submission_id = s.id AND r.removed_at IS NULL
      AND (r.submitted_at IS NOT NULL OR r.lease_expires_at > ${now}))`;

/**
 * What a submission needs beyond k: one more review while the reviewer model is too unsure of its score (a row in
 * `peer_review_uncertain_submissions`, refitted from the outbox by the scoring side after each review; a primary-key
 * probe here, so `next` never fits the model). Its need is then k + 1, which puts it among the submissions short of
 * their need, ahead of any extra review.
 */
const extraNeed = `
  (CASE WHEN EXISTS (SELECT 1 FROM peer_review_uncertain_submissions u WHERE u.submission_id = s.id) THEN 1 ELSE 0 END)`;

/** What this reviewer may get: never their own, never one they hold or held, never an excluded author's ($5). */
const ELIGIBLE = `
  s.cohort_id = $1 AND s.assignment_id = $2 AND s.author_id <> $3 AND s.review_closes_at > $4
  AND s.author_id <> ALL ($5::uuid[])
  AND NOT EXISTS (SELECT 1 FROM peer_reviews mine WHERE mine.submission_id = s.id AND mine.reviewer_id = $3)`;

/** Submissions walked past in allocation order for each one kept: room for concurrent claimers' locked rows. */
const WALK_HEADROOM = 64;

/**
 * The candidates, best first, found without counting every submission's reviews. A submission's active reviews
 * are its `submitted_reviews` (kept by a trigger) plus its leases running at $4. Running leases are few (one per
 * reviewer at most), and so are submissions the model is unsure of, so those are taken whole and counted exactly;
 * every other submission's key is its `submitted_reviews`, in the order of the allocation index, so a short walk of
 * that index holds the best of them: the reviewer's reciprocal authors (`reviews_me`, a handful) can push the best
 * back that many places, and rows other claimers hold (skipped, not waited for) up to WALK_HEADROOM more. With
 * `short`, only submissions short of their need (k, $6, or k + 1 while unsure). Then best first: fewest active
 * reviews, then not a reciprocal pair (the author reviews or reviewed the reviewer), then earliest due (late
 * submitters, due first, are never starved), then oldest.
 */
const candidates = (short: boolean): string => `
  WITH leased AS (
         SELECT r.submission_id, count(*)::int AS n
           FROM peer_reviews r
          WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.submitted_at IS NULL AND r.removed_at IS NULL
            AND r.lease_expires_at > $4
          GROUP BY r.submission_id),
       unsure AS (
         SELECT u.submission_id FROM peer_review_uncertain_submissions u
          WHERE u.cohort_id = $1 AND u.assignment_id = $2),
       reviews_me AS (
         SELECT back.reviewer_id
           FROM peer_reviews back
           JOIN peer_review_submissions own ON own.id = back.submission_id
          WHERE own.cohort_id = $1 AND own.assignment_id = $2 AND own.author_id = $3),
       walked AS (
         SELECT s.id FROM peer_review_submissions s
          WHERE ${ELIGIBLE} ${short ? 'AND s.submitted_reviews < $6' : ''}
            AND s.id <> ALL (ARRAY(SELECT submission_id FROM leased))
          ORDER BY s.submitted_reviews, s.due_at, s.created_at, s.id
          LIMIT (SELECT count(*) FROM reviews_me) + 1 + ${WALK_HEADROOM}),
       counted AS (
         SELECT s.id FROM peer_review_submissions s
          WHERE ${ELIGIBLE}
            AND s.id = ANY (ARRAY(SELECT submission_id FROM leased UNION ALL SELECT submission_id FROM unsure)))
  SELECT s.id
    FROM peer_review_submissions s
    LEFT JOIN leased ON leased.submission_id = s.id
   WHERE s.id = ANY (ARRAY(SELECT id FROM walked UNION ALL SELECT id FROM counted))
     ${short ? 'AND s.submitted_reviews + coalesce(leased.n, 0) < $6 + (s.id IN (SELECT submission_id FROM unsure))::int' : ''}
   ORDER BY s.submitted_reviews + coalesce(leased.n, 0), s.author_id IN (SELECT reviewer_id FROM reviews_me),
            s.due_at, s.created_at, s.id`;

// Prepared (planned once per connection): planning these costs more than running them.
const CLAIM_FREE = `${candidates(true)} LIMIT 1 FOR UPDATE OF s SKIP LOCKED`;
const CLAIM_HELD = `${candidates(true)} LIMIT 1 FOR UPDATE OF s`;
const CLAIM_EXTRA = `${candidates(false)} LIMIT 1 FOR UPDATE OF s SKIP LOCKED`;

/**
 * The lease on a locked submission, counted again in this new statement (which sees every claim committed before
 * the lock was granted): inserted only while the submission is short of its need ($5; null for an extra review).
 */
const LEASE = `
  INSERT INTO peer_reviews (submission_id, version_id, cohort_id, assignment_id, reviewer_id, lease_expires_at,
                            created_at, updated_at)
  SELECT s.id, v.id, s.cohort_id, s.assignment_id, $2, $4, $3, $3
    FROM peer_review_submissions s
    JOIN peer_review_submission_versions v ON v.submission_id = s.id AND v.version = s.latest_version
   WHERE s.id = $1 AND ($5::int IS NULL OR ${activeReviews('$3')} < $5::int + ${extraNeed})
  ON CONFLICT (reviewer_id, submission_id) DO NOTHING
  RETURNING id`;

/** Where a reviewer stands in an assignment when they ask for `next`, read in one statement. */
export interface ReviewerStanding {
  /** An active learner of the cohort (facilitators and withdrawn learners do not review). */
  activeLearner: boolean;
  /** They have handed in their own work (only then may they review). */
  submitted: boolean;
  /** Their lease still running at `now`, handed again rather than a second. */
  openLeaseId: string | null;
  /** The first calibration item they have not submitted a review of, with their review of it if begun. */
  pendingCalibration: { itemId: string; reviewId: string | null } | null;
  /** The cohort keeps reviewers off their own cohort group's work. */
  excludeOwnGroup: boolean;
}

/** What one claim round came to: a lease, nothing to review, or a lost race worth another round. */
export type ClaimOutcome = { reviewId: string; submissionId: string } | 'none' | 'retry';

/**
 * The claim behind `next`, one round per transaction. Why not one statement: under READ COMMITTED, a row locked
 * after another claimer committed is rechecked only on its own columns, never on a subquery's count, so one
 * `INSERT ... SELECT ... FOR UPDATE SKIP LOCKED` could push a submission past k. Instead, a round locks its
 * candidate row (SKIP LOCKED: concurrent claimers spread over other rows, nobody waits or errs), then counts again in
 * a new statement, which sees every claim committed before the lock was granted, and inserts only while the count
 * is short of k. Each round is its own transaction, so no claimer ever holds one row while waiting for another.
 */
@Injectable()
export class ReviewAllocationRepository {
  /**
   * Everything `next` checks before claiming, as one statement (membership through the cohorts library's
   * enrollments view): each round trip to PostgreSQL is a system call
   * on the request path, and `next` is the hottest route of a review window.
   */
  async standing(
    manager: EntityManager,
    cohortId: string,
    assignmentId: string,
    reviewerId: string,
    now: Date,
  ): Promise<ReviewerStanding> {
    const [row] = await preparedQuery<{
      activeLearner: boolean;
      submitted: boolean;
      openLeaseId: string | null;
      itemId: string | null;
      itemReviewId: string | null;
      excludeOwnGroup: boolean | null;
    }>(
      manager,
      'peer-review-standing',
      `SELECT EXISTS (SELECT 1 FROM cohort_enrollments
                       WHERE cohort_id = $1 AND user_id = $3 AND role = 'learner' AND status = 'active')
                AS "activeLearner",
              EXISTS (SELECT 1 FROM peer_review_submissions
                       WHERE cohort_id = $1 AND assignment_id = $2 AND author_id = $3) AS submitted,
              (SELECT id FROM peer_reviews
                WHERE cohort_id = $1 AND assignment_id = $2 AND reviewer_id = $3
                  AND submitted_at IS NULL AND lease_expires_at > $4
                ORDER BY created_at LIMIT 1) AS "openLeaseId",
              pending.item_id AS "itemId", pending.review_id AS "itemReviewId",
              (SELECT exclude_own_group FROM peer_review_settings WHERE cohort_id = $1) AS "excludeOwnGroup"
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
               SELECT i.id AS item_id, r.id AS review_id
                 FROM peer_review_calibration_items i
                 LEFT JOIN peer_review_calibration_reviews r ON r.item_id = i.id AND r.reviewer_id = $3
                WHERE i.cohort_id = $1 AND i.assignment_id = $2 AND r.submitted_at IS NULL
                ORDER BY i.position LIMIT 1) pending ON true`,
      [cohortId, assignmentId, reviewerId, now],
    );
    return {
      activeLearner: row!.activeLearner,
      submitted: row!.submitted,
      openLeaseId: row!.openLeaseId,
      pendingCalibration: row!.itemId ? { itemId: row!.itemId, reviewId: row!.itemReviewId } : null,
      excludeOwnGroup: row!.excludeOwnGroup ?? false,
    };
  }

  async claimRound(manager: EntityManager, request: ClaimRequest): Promise<ClaimOutcome> {
    const common = [request.cohortId, request.assignmentId, request.reviewerId, request.now, request.excludedAuthors];
    const params = [...common, request.needed];
    const free = await preparedQuery<{ id: string }>(manager, 'peer-review-claim-free', CLAIM_FREE, params);
    if (free[0]) return this.lease(manager, request, free[0].id, request.needed);
    // Nothing short of k is free. When some is, held by other claimers this instant, wait for the best one (our
    // transaction holds no other lock, so this cannot deadlock) and count again.
    const held = await preparedQuery<{ id: string }>(manager, 'peer-review-claim-held', CLAIM_HELD, params);
    if (held[0]) return this.lease(manager, request, held[0].id, request.needed);
    // Every submission open to this reviewer has the reviews it needs: an extra one (reviews beyond k count).
    const extra = await preparedQuery<{ id: string }>(manager, 'peer-review-claim-extra', CLAIM_EXTRA, common);
    return extra[0] ? this.lease(manager, request, extra[0].id, null) : 'none';
  }

  private async lease(
    manager: EntityManager,
    request: ClaimRequest,
    submissionId: string,
    needed: number | null,
  ): Promise<ClaimOutcome> {
    const rows = await preparedQuery<{ id: string }>(manager, 'peer-review-lease', LEASE, [
      submissionId,
      request.reviewerId,
      request.now,
      request.leaseExpiresAt,
      needed,
    ]);
    return rows[0] ? { reviewId: rows[0].id, submissionId } : 'retry';
  }
}
