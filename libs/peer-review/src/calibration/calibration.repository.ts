import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CriterionScore } from '../reviews/review.entity';

export interface CalibrationItemRecord {
  id: string;
  cohortId: string;
  assignmentId: string;
  position: number;
  body: string;
  referenceScores: CriterionScore[];
  referenceComment: string;
  createdAt: Date;
  updatedAt: Date;
  /** Learners' submitted reviews of it: once there is one, the item no longer changes. */
  reviewsSubmitted: number;
}

export interface CalibrationReviewRecord {
  id: string;
  itemId: string;
  cohortId: string;
  assignmentId: string;
  reviewerId: string | null;
  reviewerName: string | null;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  position: number;
  body: string;
  referenceScores: CriterionScore[];
  referenceComment: string;
}

/** What the reviewer model takes from calibration: each item's reference, and every submitted review of one. */
export interface CalibrationEvidence {
  references: { itemId: string; scores: CriterionScore[] }[];
  reviews: { itemId: string; reviewerKey: string; scores: CriterionScore[] }[];
}

const ITEM_COLUMNS = `
  i.id, i.cohort_id AS "cohortId", i.assignment_id AS "assignmentId", i.position, i.body,
  i.reference_scores AS "referenceScores", i.reference_comment AS "referenceComment",
  i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM peer_review_calibration_reviews r
    WHERE r.item_id = i.id AND r.submitted_at IS NOT NULL) AS "reviewsSubmitted"`;

const REVIEW_COLUMNS = `
  r.id, r.item_id AS "itemId", r.cohort_id AS "cohortId", r.assignment_id AS "assignmentId",
  r.reviewer_id AS "reviewerId", p.display_name AS "reviewerName", r.scores, r.overall_comment AS "overallComment",
  r.submitted_at AS "submittedAt", r.created_at AS "createdAt", i.position, i.body,
  i.reference_scores AS "referenceScores", i.reference_comment AS "referenceComment"`;

const REVIEW_FROM = `
  FROM peer_review_calibration_reviews r
  JOIN peer_review_calibration_items i ON i.id = r.item_id
  LEFT JOIN identity_people p ON p.id = r.reviewer_id`;

/** Calibration items and the learners' reviews of them, a set per query. */
@Injectable()
export class CalibrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async items(cohortId: string, assignmentId: string): Promise<CalibrationItemRecord[]> {
    return this.dataSource.query<CalibrationItemRecord[]>(
      `SELECT ${ITEM_COLUMNS} FROM peer_review_calibration_items i
        WHERE i.cohort_id = $1 AND i.assignment_id = $2 ORDER BY i.position`,
      [cohortId, assignmentId],
    );
  }

  async countItems(cohortId: string, assignmentId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM peer_review_calibration_items WHERE cohort_id = $1 AND assignment_id = $2`,
      [cohortId, assignmentId],
    );
    return rows[0]?.n ?? 0;
  }

  async findItem(
    cohortId: string,
    assignmentId: string,
    itemId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CalibrationItemRecord | null> {
    if (lock) {
      await manager.query(`SELECT 1 FROM peer_review_calibration_items WHERE id = $1 FOR UPDATE`, [itemId]);
    }
    const rows = await manager.query<CalibrationItemRecord[]>(
      `SELECT ${ITEM_COLUMNS} FROM peer_review_calibration_items i
        WHERE i.id = $1 AND i.cohort_id = $2 AND i.assignment_id = $3`,
      [itemId, cohortId, assignmentId],
    );
    return rows[0] ?? null;
  }

  /** Adds an item last; null when a concurrent add took the same position (the caller tries again). */
  async insertItem(
    item: { cohortId: string; assignmentId: string; body: string; scores: CriterionScore[]; comment: string },
    by: string,
    now: Date,
  ): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO peer_review_calibration_items (cohort_id, assignment_id, position, body, reference_scores,
                                                  reference_comment, created_by, created_at, updated_at)
       SELECT $1, $2, COALESCE(max(position), 0) + 1, $3, $4::jsonb, $5, $6, $7, $7
         FROM peer_review_calibration_items WHERE cohort_id = $1 AND assignment_id = $2
       ON CONFLICT (cohort_id, assignment_id, position) DO NOTHING
       RETURNING id`,
      [item.cohortId, item.assignmentId, item.body, JSON.stringify(item.scores), item.comment, by, now],
    );
    return rows[0]?.id ?? null;
  }

  async updateItem(
    manager: EntityManager,
    itemId: string,
    change: { body: string; scores: CriterionScore[]; comment: string },
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE peer_review_calibration_items
          SET body = $2, reference_scores = $3::jsonb, reference_comment = $4, updated_at = $5
        WHERE id = $1`,
      [itemId, change.body, JSON.stringify(change.scores), change.comment, now],
    );
  }

  async deleteItem(manager: EntityManager, itemId: string): Promise<void> {
    await manager.query(`DELETE FROM peer_review_calibration_items WHERE id = $1`, [itemId]);
  }

  /** The reviewer's review of the item, made on first ask (a concurrent `next` finds the same row). */
  async openReview(
    item: { id: string; cohortId: string; assignmentId: string },
    reviewerId: string,
    now: Date,
  ): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO peer_review_calibration_reviews (item_id, cohort_id, assignment_id, reviewer_id, created_at,
                                                    updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (reviewer_id, item_id) DO NOTHING`,
      [item.id, item.cohortId, item.assignmentId, reviewerId, now],
    );
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM peer_review_calibration_reviews WHERE item_id = $1 AND reviewer_id = $2`,
      [item.id, reviewerId],
    );
    return rows[0]!.id;
  }

  async findReview(
    reviewId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CalibrationReviewRecord | null> {
    if (lock) {
      // The item first (shared), then the review: an item being edited or deleted waits for, or is waited on by,
      // a submission of a review of it, never both at once.
      await manager.query(
        `SELECT 1 FROM peer_review_calibration_items i JOIN peer_review_calibration_reviews r ON r.item_id = i.id
          WHERE r.id = $1 FOR SHARE OF i`,
        [reviewId],
      );
      await manager.query(`SELECT 1 FROM peer_review_calibration_reviews WHERE id = $1 FOR UPDATE`, [reviewId]);
    }
    const rows = await manager.query<CalibrationReviewRecord[]>(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id = $1`,
      [reviewId],
    );
    return rows[0] ?? null;
  }

  async saveReview(
    manager: EntityManager,
    reviewId: string,
    review: { scores: CriterionScore[]; overallComment: string | null; submittedAt: Date | null },
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE peer_review_calibration_reviews
          SET scores = $2::jsonb, overall_comment = $3, submitted_at = $4, updated_at = $5
        WHERE id = $1`,
      [reviewId, JSON.stringify(review.scores), review.overallComment, review.submittedAt, now],
    );
  }

  /** The reviewer's calibration reviews of the assignment (drafts too), in item order. */
  async reviewsBy(cohortId: string, assignmentId: string, reviewerId: string): Promise<CalibrationReviewRecord[]> {
    return this.dataSource.query<CalibrationReviewRecord[]>(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM}
        WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.reviewer_id = $3
        ORDER BY i.position`,
      [cohortId, assignmentId, reviewerId],
    );
  }

  /** Every submitted calibration review of the assignment, by reviewer name then item. */
  async submittedReviews(cohortId: string, assignmentId: string): Promise<CalibrationReviewRecord[]> {
    return this.dataSource.query<CalibrationReviewRecord[]>(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM}
        WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.submitted_at IS NOT NULL
        ORDER BY p.display_name NULLS LAST, r.reviewer_id, i.position`,
      [cohortId, assignmentId],
    );
  }

  /** References and submitted reviews for the reviewer model: two queries per assignment. */
  async evidence(
    cohortId: string,
    assignmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CalibrationEvidence> {
    const references = await manager.query<CalibrationEvidence['references']>(
      `SELECT id AS "itemId", reference_scores AS scores FROM peer_review_calibration_items
        WHERE cohort_id = $1 AND assignment_id = $2`,
      [cohortId, assignmentId],
    );
    if (references.length === 0) return { references, reviews: [] };
    const reviews = await manager.query<CalibrationEvidence['reviews']>(
      `SELECT item_id AS "itemId", COALESCE(reviewer_id::text, 'erased:' || id::text) AS "reviewerKey", scores
         FROM peer_review_calibration_reviews
        WHERE cohort_id = $1 AND assignment_id = $2 AND submitted_at IS NOT NULL
        ORDER BY item_id, id`,
      [cohortId, assignmentId],
    );
    return { references, reviews };
  }
}
