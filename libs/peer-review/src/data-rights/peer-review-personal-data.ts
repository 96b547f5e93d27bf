import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { ATTACHMENT_STORE, type AttachmentStore } from '../attachments/attachment-store';

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
 *
 * Attachments: the export lists the metadata of every file the person uploaded (name, type, size, SHA-256, the
 * version it belongs to); erasure deletes those files, rows and bytes, as it empties the versions' text.
 *
 * Score overrides belong to two people: the facilitator who set one (their act: exported with its reason, unnamed on
 * erasure) and the learner whose submission it scores (its subject: exported without the facilitator's name, as
 * `scores/mine` shows it). Erasing the learner keeps the total, so the cohort's figures hold, and clears the reason,
 * which speaks about them.
 */
@Injectable()
export class PeerReviewPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'peerReview';
  private readonly logger = new Logger(PeerReviewPersonalData.name);

  constructor(
    private readonly registry: PersonalDataRegistry,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

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
    const attachments = await manager.query<unknown[]>(
      `SELECT a.id, a.cohort_id AS "cohortId", a.assignment_id AS "assignmentId", a.submission_id AS "submissionId",
              v.version, a.file_name AS "fileName", a.content_type AS "contentType", a.size_bytes AS "sizeBytes",
              a.sha256, a.created_at AS "uploadedAt", a.bound_at AS "submittedAt"
         FROM peer_review_attachments a LEFT JOIN peer_review_submission_versions v ON v.id = a.version_id
        WHERE a.uploader_id = $1
        ORDER BY a.created_at, a.id`,
      [userId],
    );
    const scoreOverridesReceived = await manager.query<unknown[]>(
      `SELECT o.id, o.submission_id AS "submissionId", s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId",
              o.total::float8 AS total, o.reason, o.set_at AS "setAt"
         FROM peer_review_score_overrides o JOIN peer_review_submissions s ON s.id = o.submission_id
        WHERE s.author_id = $1
        ORDER BY o.set_at, o.id`,
      [userId],
    );
    const scoreOverridesSet = await manager.query<unknown[]>(
      `SELECT o.id, o.submission_id AS "submissionId", s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId",
              o.total::float8 AS total, o.reason, o.set_at AS "setAt"
         FROM peer_review_score_overrides o JOIN peer_review_submissions s ON s.id = o.submission_id
        WHERE o.set_by = $1
        ORDER BY o.set_at, o.id`,
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
    return {
      submissions,
      reviewsGiven,
      reviewsReceived,
      calibrationReviews,
      attachments,
      scoreOverridesReceived,
      scoreOverridesSet,
    };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    // Their files go with their text; the bytes of the PostgreSQL store go with the rows (cascade).
    const [files] = await manager.query<[{ store: string; storageKey: string }[], number]>(
      `DELETE FROM peer_review_attachments WHERE uploader_id = $1 RETURNING store, storage_key AS "storageKey"`,
      [userId],
    );
    const keys = files.filter((f) => f.store === 's3' && this.store.kind === 's3').map((f) => f.storageKey);
    if (keys.length > 0) {
      try {
        await this.store.delete(manager, keys);
      } catch (error) {
        // The rows are gone, so nothing serves these bytes; an operator can sweep the bucket.
        this.logger.warn({ count: keys.length, error: String(error) }, 'erased attachment objects left in the store');
      }
    }
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
    // A reason given for overriding their score speaks about them; the total stays, so the cohort's figures hold.
    await manager.query(
      `UPDATE peer_review_score_overrides o SET reason = ''
         FROM peer_review_submissions s
        WHERE s.id = o.submission_id AND s.author_id = $1`,
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
