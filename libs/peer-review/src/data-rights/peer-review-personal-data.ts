import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';

/**
 * A person's part in peer review: their submissions (every version), the reviews they gave, and the reviews they
 * received, without the reviewers (the export never names an anonymous reviewer).
 *
 * Erasure empties the text and links of their submissions (the versions stay, so reviews of them and their scores
 * hold), drops their reviews still in progress (the submissions go back to the pool), and keeps their submitted
 * reviews unnamed: the reviewer is cleared, the scores and comments stay for the authors who received them. The
 * export holds the person's ratings and flags of reviews they received; erasure clears their flag notes, and the
 * facilitator ids behind hand-given, removed reviews and dismissed flags. A facilitator's
 * score overrides, releases and calibration items stay, unnamed; calibration reviews are exported and erased as
 * reviews given are.
 */
@Injectable()
export class PeerReviewPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'peerReview';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    // One after another: the queries share the export transaction's single connection.
    const submissions = await manager.query<unknown[]>(
      `SELECT s.id, s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId", s.due_at AS "dueAt",
              (SELECT json_agg(json_build_object('version', v.version, 'body', v.body, 'links', v.links,
                                                 'late', v.late, 'submittedAt', v.created_at) ORDER BY v.version)
                 FROM peer_review_submission_versions v WHERE v.submission_id = s.id) AS versions
         FROM peer_review_submissions s
        WHERE s.author_id = $1
        ORDER BY s.created_at, s.id`,
      [userId],
    );
    const reviewsGiven = await manager.query<unknown[]>(
      `SELECT r.id, r.cohort_id AS "cohortId", r.assignment_id AS "assignmentId", r.submission_id AS "submissionId",
              v.version, r.scores, r.overall_comment AS "overallComment", r.lease_expires_at AS "leaseExpiresAt",
              r.submitted_at AS "submittedAt"
         FROM peer_reviews r JOIN peer_review_submission_versions v ON v.id = r.version_id
        WHERE r.reviewer_id = $1
        ORDER BY r.created_at, r.id`,
      [userId],
    );
    const reviewsReceived = await manager.query<unknown[]>(
      `SELECT r.id, r.submission_id AS "submissionId", v.version, r.scores, r.overall_comment AS "overallComment",
              r.submitted_at AS "submittedAt", f.helpfulness, f.flag_reason AS "flagReason", f.flag_note AS "flagNote",
              f.flagged_at AS "flaggedAt"
         FROM peer_reviews r
         JOIN peer_review_submissions s ON s.id = r.submission_id
         JOIN peer_review_submission_versions v ON v.id = r.version_id
         LEFT JOIN peer_review_feedback f ON f.review_id = r.id
        WHERE s.author_id = $1 AND r.submitted_at IS NOT NULL
        ORDER BY r.submitted_at, r.id`,
      [userId],
    );
    const calibrationReviews = await manager.query<unknown[]>(
      `SELECT r.id, r.cohort_id AS "cohortId", r.assignment_id AS "assignmentId", r.item_id AS "itemId", r.scores,
              r.overall_comment AS "overallComment", r.submitted_at AS "submittedAt"
         FROM peer_review_calibration_reviews r
        WHERE r.reviewer_id = $1
        ORDER BY r.created_at, r.id`,
      [userId],
    );
    return { submissions, reviewsGiven, reviewsReceived, calibrationReviews };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE peer_review_submission_versions v SET body = '', links = '[]'::jsonb
         FROM peer_review_submissions s
        WHERE s.id = v.submission_id AND s.author_id = $1`,
      [userId],
    );
    await manager.query(`DELETE FROM peer_reviews WHERE reviewer_id = $1 AND submitted_at IS NULL`, [userId]);
    await manager.query(`UPDATE peer_reviews SET reviewer_id = NULL WHERE reviewer_id = $1`, [userId]);
    // Calibration reviews as peer reviews: drafts go, submitted ones stay unnamed (the model's fit holds).
    await manager.query(`DELETE FROM peer_review_calibration_reviews WHERE reviewer_id = $1 AND submitted_at IS NULL`, [
      userId,
    ]);
    await manager.query(`UPDATE peer_review_calibration_reviews SET reviewer_id = NULL WHERE reviewer_id = $1`, [
      userId,
    ]);
    // Their flag notes are their words; the rating and the flag's reason stay, as scores do.
    await manager.query(
      `UPDATE peer_review_feedback f SET flag_note = NULL
         FROM peer_reviews r JOIN peer_review_submissions s ON s.id = r.submission_id
        WHERE f.review_id = r.id AND s.author_id = $1`,
      [userId],
    );
    // As a facilitator: what they did stays, unnamed.
    await manager.query(`UPDATE peer_reviews SET assigned_by = NULL WHERE assigned_by = $1`, [userId]);
    await manager.query(`UPDATE peer_reviews SET removed_by = NULL WHERE removed_by = $1`, [userId]);
    await manager.query(`UPDATE peer_review_feedback SET flag_dismissed_by = NULL WHERE flag_dismissed_by = $1`, [
      userId,
    ]);
    // A facilitator's overrides, releases and calibration items stand, unnamed.
    await manager.query(`UPDATE peer_review_calibration_items SET created_by = NULL WHERE created_by = $1`, [userId]);
    await manager.query(`UPDATE peer_review_score_overrides SET set_by = NULL WHERE set_by = $1`, [userId]);
    await manager.query(`UPDATE peer_review_assignment_settings SET released_by = NULL WHERE released_by = $1`, [
      userId,
    ]);
  }
}
