import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A review as its notifications need it: dates, state and people, never its scores or comments. */
export interface ReviewNoticeFacts {
  reviewId: string;
  submissionId: string;
  cohortId: string;
  assignmentId: string;
  reviewerId: string | null;
  staff: boolean;
  leaseExpiresAt: Date;
  submittedAt: Date | null;
  removedAt: Date | null;
  authorId: string;
  /** The reviewer's name, for the author's email in open mode only (composers decide; null if erased). */
  reviewerName: string | null;
  /** Counted reviews of the submission (submitted, not removed). */
  received: number;
}

/** A submission as its author's notifications need it, with what the release rule reads. */
export interface SubmissionNoticeFacts {
  submissionId: string;
  cohortId: string;
  assignmentId: string;
  authorId: string;
  reviewClosesAt: Date;
  /** Counted reviews of the submission (submitted, not removed). */
  received: number;
  /** Reviews its author submitted in the assignment. */
  given: number;
  /** A facilitator's release of the assignment's scores. */
  releasedAt: Date | null;
}

/** A person as an email to them needs it, with whether they are still where the email is about. */
export interface NoticeReader {
  displayName: string;
  timeZone: string;
  cohortTitle: string;
  /** Their enrollment in the cohort: role and status, null when they never were. */
  role: string | null;
  status: string | null;
}

const SUBMISSION_FACTS = `
  SELECT s.id AS "submissionId", s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId",
         s.author_id AS "authorId", s.review_closes_at AS "reviewClosesAt",
         (SELECT count(*)::int FROM peer_review_review_states r
           WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL) AS received,
         (SELECT count(*)::int FROM peer_review_review_states g
           WHERE g.cohort_id = s.cohort_id AND g.assignment_id = s.assignment_id AND g.reviewer_id = s.author_id
             AND g.submitted_at IS NOT NULL) AS given,
         rel.released_at AS "releasedAt"
    FROM peer_review_submission_windows s
    LEFT JOIN peer_review_score_releases rel ON rel.cohort_id = s.cohort_id AND rel.assignment_id = s.assignment_id`;

/**
 * The peer-review notifications' queries, all through the peer-review library's read views (and the cohorts' and
 * identity's): sets for the planners (one query per batch), one row per email for the composers, read at send time.
 */
@Injectable()
export class PeerReviewNoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The reviews named, as they are now. */
  reviews(manager: EntityManager, reviewIds: readonly string[]): Promise<ReviewNoticeFacts[]> {
    if (reviewIds.length === 0) return Promise.resolve([]);
    return manager.query<ReviewNoticeFacts[]>(
      `SELECT r.id AS "reviewId", r.submission_id AS "submissionId", r.cohort_id AS "cohortId",
              r.assignment_id AS "assignmentId", r.reviewer_id AS "reviewerId", r.staff,
              r.lease_expires_at AS "leaseExpiresAt", r.submitted_at AS "submittedAt", r.removed_at AS "removedAt",
              s.author_id AS "authorId", p.display_name AS "reviewerName",
              (SELECT count(*)::int FROM peer_review_review_states c
                WHERE c.submission_id = r.submission_id AND c.submitted_at IS NOT NULL AND c.removed_at IS NULL)
                AS received
         FROM peer_review_review_states r
         JOIN peer_review_submission_windows s ON s.id = r.submission_id
         LEFT JOIN identity_people p ON p.id = r.reviewer_id AND p.deleted_at IS NULL
        WHERE r.id = ANY($1::uuid[])`,
      [reviewIds],
    );
  }

  /** Submissions by id, or of whole assignments, or of (author, assignment) pairs: release facts included. */
  submissions(
    manager: EntityManager,
    scope: {
      submissionIds?: readonly string[];
      assignments?: readonly { cohortId: string; assignmentId: string }[];
      authors?: readonly { cohortId: string; assignmentId: string; authorId: string }[];
    },
  ): Promise<SubmissionNoticeFacts[]> {
    const assignments = scope.assignments ?? [];
    const authors = scope.authors ?? [];
    return manager.query<SubmissionNoticeFacts[]>(
      `${SUBMISSION_FACTS}
        WHERE s.id = ANY($1::uuid[])
           OR (s.cohort_id, s.assignment_id) IN (SELECT * FROM unnest($2::uuid[], $3::uuid[]))
           OR (s.cohort_id, s.assignment_id, s.author_id) IN (SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::uuid[]))`,
      [
        scope.submissionIds ?? [],
        assignments.map((a) => a.cohortId),
        assignments.map((a) => a.assignmentId),
        authors.map((a) => a.cohortId),
        authors.map((a) => a.assignmentId),
        authors.map((a) => a.authorId),
      ],
    );
  }

  /** The latest review window close of each assignment (across its submissions). */
  async lastCloses(
    manager: EntityManager,
    assignments: readonly { cohortId: string; assignmentId: string }[],
  ): Promise<{ cohortId: string; assignmentId: string; closesAt: Date }[]> {
    if (assignments.length === 0) return [];
    return manager.query(
      `SELECT s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId", max(s.review_closes_at) AS "closesAt"
         FROM peer_review_submission_windows s
        WHERE (s.cohort_id, s.assignment_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
        GROUP BY s.cohort_id, s.assignment_id`,
      [assignments.map((a) => a.cohortId), assignments.map((a) => a.assignmentId)],
    );
  }

  /** Active facilitators of each cohort. */
  async facilitators(manager: EntityManager, cohortIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await manager.query<{ cohort_id: string; user_id: string }[]>(
      `SELECT cohort_id, user_id FROM cohort_enrollments
        WHERE cohort_id = ANY($1::uuid[]) AND role = 'facilitator' AND status = 'active'
        ORDER BY cohort_id, user_id`,
      [cohortIds],
    );
    const byCohort = new Map<string, string[]>();
    for (const row of rows) byCohort.set(row.cohort_id, [...(byCohort.get(row.cohort_id) ?? []), row.user_id]);
    return byCohort;
  }

  /** Pending rows of these keys due later than the instant given with them move to it (never later). */
  async bringForward(manager: EntityManager, due: readonly { key: string; dueAt: Date }[]): Promise<void> {
    if (due.length === 0) return;
    await manager.query(
      `UPDATE scheduled_notifications s SET due_at = v.due_at
         FROM unnest($1::varchar[], $2::timestamptz[]) AS v(key, due_at)
        WHERE s.dedupe_key = v.key AND s.status = 'pending' AND s.due_at > v.due_at`,
      [due.map((d) => d.key), due.map((d) => d.dueAt.toISOString())],
    );
  }

  /**
   * Pending rows of these keys still waiting for a later instant move to the one given with them (a resubmission
   * moved the window's close). Rows already due (brought forward) are left to the releaser.
   */
  async moveWaiting(manager: EntityManager, due: readonly { key: string; dueAt: Date }[], now: Date): Promise<void> {
    if (due.length === 0) return;
    await manager.query(
      `UPDATE scheduled_notifications s SET due_at = v.due_at
         FROM unnest($1::varchar[], $2::timestamptz[]) AS v(key, due_at)
        WHERE s.dedupe_key = v.key AND s.status = 'pending' AND s.due_at > $3 AND s.due_at <> v.due_at`,
      [due.map((d) => d.key), due.map((d) => d.dueAt.toISOString()), now],
    );
  }

  /** Cancels pending rows of `kind` about these subjects but those with the keys kept: one statement. */
  async cancelOtherPending(
    manager: EntityManager,
    kind: string,
    subjectIds: readonly string[],
    keep: readonly string[],
  ): Promise<void> {
    if (subjectIds.length === 0) return;
    await manager.query(
      `UPDATE scheduled_notifications SET status = 'cancelled'
        WHERE status = 'pending' AND kind = $1 AND subject_id = ANY($2::uuid[]) AND NOT (dedupe_key = ANY($3::varchar[]))`,
      [kind, subjectIds, keep],
    );
  }

  // --- at send time: one email's facts, as they are now ---

  async review(reviewId: string): Promise<ReviewNoticeFacts | null> {
    const [row] = await this.reviews(this.dataSource.manager, [reviewId]);
    return row ?? null;
  }

  async submission(submissionId: string): Promise<SubmissionNoticeFacts | null> {
    const [row] = await this.submissions(this.dataSource.manager, { submissionIds: [submissionId] });
    return row ?? null;
  }

  /** The reader and the cohort the email is about; null when the person or the cohort is gone. */
  async reader(userId: string, cohortId: string): Promise<NoticeReader | null> {
    const [row] = await this.dataSource.query<NoticeReader[]>(
      `SELECT u.display_name AS "displayName", u.time_zone AS "timeZone", c.title AS "cohortTitle",
              e.role, e.status
         FROM identity_people u
         JOIN cohort_calendars c ON c.id = $2
         LEFT JOIN cohort_enrollments e ON e.cohort_id = c.id AND e.user_id = u.id
        WHERE u.id = $1 AND u.deleted_at IS NULL AND u.email IS NOT NULL`,
      [userId, cohortId],
    );
    return row ?? null;
  }

  /** How many of the assignment's submissions have had their window close short of `k` counted reviews. */
  async countShortOfK(cohortId: string, assignmentId: string, k: number, now: Date): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM peer_review_submission_windows s
        WHERE s.cohort_id = $1 AND s.assignment_id = $2 AND s.review_closes_at <= $4
          AND (SELECT count(*) FROM peer_review_review_states r
                WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL) < $3`,
      [cohortId, assignmentId, k, now],
    );
    return row?.count ?? 0;
  }
}
