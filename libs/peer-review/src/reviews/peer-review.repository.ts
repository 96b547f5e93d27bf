import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, preparedQuery, toPage, type Page } from '@app/core';
import type { AttachmentView } from '../attachments/attachments.repository';
import type { CriterionScore } from './review.entity';

/** A review row with what its readers may need: the version it names and both people's names. */
export interface ReviewRecord {
  id: string;
  cohortId: string;
  assignmentId: string;
  submissionId: string;
  versionId: string;
  version: number;
  reviewerId: string | null;
  reviewerName: string | null;
  authorId: string;
  authorName: string | null;
  leaseExpiresAt: Date;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  submittedAt: Date | null;
  /** Set when a facilitator took the review out of scoring (kept for facilitators, no longer shown to the author). */
  removedAt: Date | null;
  /** A facilitator's own review. */
  staff: boolean;
  createdAt: Date;
}

export interface VersionRecord {
  id: string;
  submissionId: string;
  version: number;
  body: string;
  links: string[];
  late: boolean;
  createdAt: Date;
  attachments: AttachmentView[];
}

export interface SubmissionRecord {
  id: string;
  cohortId: string;
  assignmentId: string;
  authorId: string;
  authorName: string | null;
  latestVersion: number;
  dueAt: Date;
  reviewClosesAt: Date;
  createdAt: Date;
}

const REVIEW_COLUMNS = `
  r.id, r.cohort_id AS "cohortId", r.assignment_id AS "assignmentId", r.submission_id AS "submissionId", r.version_id AS "versionId", v.version,
  r.reviewer_id AS "reviewerId", rp.display_name AS "reviewerName",
  s.author_id AS "authorId", ap.display_name AS "authorName",
  r.lease_expires_at AS "leaseExpiresAt", r.scores, r.overall_comment AS "overallComment",
  r.submitted_at AS "submittedAt", r.staff, r.removed_at AS "removedAt", r.created_at AS "createdAt"`;

const REVIEW_FROM = `
  FROM peer_reviews r
  JOIN peer_review_submissions s ON s.id = r.submission_id
  JOIN peer_review_submission_versions v ON v.id = r.version_id
  LEFT JOIN identity_people rp ON rp.id = r.reviewer_id
  LEFT JOIN identity_people ap ON ap.id = s.author_id`;

/** The attachments of version `v`, in order, as a JSON array. */
const ATTACHMENTS_OF_VERSION = `
  COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
                                              'sizeBytes', a.size_bytes, 'sha256', a.sha256) ORDER BY a.position)
              FROM peer_review_attachments a WHERE a.version_id = v.id), '[]'::json)`;

const SUBMISSION_COLUMNS = `
  s.id, s.cohort_id AS "cohortId", s.assignment_id AS "assignmentId", s.author_id AS "authorId",
  ap.display_name AS "authorName", s.latest_version AS "latestVersion", s.due_at AS "dueAt",
  s.review_closes_at AS "reviewClosesAt", s.created_at AS "createdAt"`;

/** Reads of submissions and reviews, a set per query (never one per row). Names come from identity's read view. */
@Injectable()
export class PeerReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findReview(reviewId: string, manager: EntityManager = this.dataSource.manager): Promise<ReviewRecord | null> {
    const rows = await manager.query<ReviewRecord[]>(`SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.id = $1`, [
      reviewId,
    ]);
    return rows[0] ?? null;
  }

  /** A review with the submission version it names (its body, links and attachments), in one statement. */
  async findReviewWithVersion(reviewId: string): Promise<{ review: ReviewRecord; version: VersionRecord } | null> {
    const rows = await preparedQuery<ReviewRecord & { v: Omit<VersionRecord, 'createdAt'> & { createdAt: string } }>(
      this.dataSource.manager,
      'peer-review-review-with-version',
      `SELECT ${REVIEW_COLUMNS},
              json_build_object('id', v.id, 'submissionId', v.submission_id, 'version', v.version, 'body', v.body,
                                'links', v.links, 'late', v.late, 'createdAt', v.created_at,
                                'attachments', ${ATTACHMENTS_OF_VERSION}) AS v
       ${REVIEW_FROM} WHERE r.id = $1`,
      [reviewId],
    );
    const row = rows[0];
    if (!row) return null;
    const { v, ...review } = row;
    return { review, version: { ...v, createdAt: new Date(v.createdAt) } };
  }

  /** The reviewer's reviews of one assignment in one cohort (leases and expired ones too), oldest first. */
  async reviewsByReviewer(cohortId: string, assignmentId: string, reviewerId: string): Promise<ReviewRecord[]> {
    return this.dataSource.query<ReviewRecord[]>(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM}
        WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.reviewer_id = $3
        ORDER BY r.created_at, r.id`,
      [cohortId, assignmentId, reviewerId],
    );
  }

  /** Every review of the given submissions, oldest first. */
  async reviewsOfSubmissions(submissionIds: readonly string[]): Promise<ReviewRecord[]> {
    if (submissionIds.length === 0) return [];
    return this.dataSource.query<ReviewRecord[]>(
      `SELECT ${REVIEW_COLUMNS} ${REVIEW_FROM} WHERE r.submission_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
      [submissionIds],
    );
  }

  async findSubmission(cohortId: string, assignmentId: string, submissionId: string): Promise<SubmissionRecord | null> {
    const rows = await this.dataSource.query<SubmissionRecord[]>(
      `SELECT ${SUBMISSION_COLUMNS}
         FROM peer_review_submissions s LEFT JOIN identity_people ap ON ap.id = s.author_id
        WHERE s.id = $1 AND s.cohort_id = $2 AND s.assignment_id = $3`,
      [submissionId, cohortId, assignmentId],
    );
    return rows[0] ?? null;
  }

  async findSubmissionOf(cohortId: string, assignmentId: string, authorId: string): Promise<SubmissionRecord | null> {
    const rows = await this.dataSource.query<SubmissionRecord[]>(
      `SELECT ${SUBMISSION_COLUMNS}
         FROM peer_review_submissions s LEFT JOIN identity_people ap ON ap.id = s.author_id
        WHERE s.cohort_id = $1 AND s.assignment_id = $2 AND s.author_id = $3`,
      [cohortId, assignmentId, authorId],
    );
    return rows[0] ?? null;
  }

  /** One keyset page of the assignment's submissions, oldest first (ties by id). */
  async submissionsPage(
    cohortId: string,
    assignmentId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<SubmissionRecord>> {
    const params: unknown[] = [cohortId, assignmentId, limit + 1];
    let after = '';
    if (cursor) {
      const position = decodeCursor(cursor);
      params.push(position.after, position.id);
      after = 'AND (s.created_at, s.id) > ($4::timestamptz, $5::uuid)';
    }
    const rows = await this.dataSource.query<(SubmissionRecord & { cursorAt: string })[]>(
      `SELECT ${SUBMISSION_COLUMNS}, s.created_at::text AS "cursorAt"
         FROM peer_review_submissions s LEFT JOIN identity_people ap ON ap.id = s.author_id
        WHERE s.cohort_id = $1 AND s.assignment_id = $2 ${after}
        ORDER BY s.created_at, s.id
        LIMIT $3`,
      params,
    );
    // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
    const page = toPage(rows, limit, (r) => ({ after: r.cursorAt, id: r.id }));
    return { ...page, items: page.items.map(({ cursorAt: _, ...record }) => record) };
  }

  async submissionsOfAssignment(cohortId: string, assignmentId: string): Promise<SubmissionRecord[]> {
    return this.dataSource.query<SubmissionRecord[]>(
      `SELECT ${SUBMISSION_COLUMNS}
         FROM peer_review_submissions s LEFT JOIN identity_people ap ON ap.id = s.author_id
        WHERE s.cohort_id = $1 AND s.assignment_id = $2
        ORDER BY s.created_at, s.id`,
      [cohortId, assignmentId],
    );
  }

  /** Versions by id, or every version of the given submissions. */
  async versions(filter: { ids?: readonly string[]; submissionIds?: readonly string[] }): Promise<VersionRecord[]> {
    return this.dataSource.query<VersionRecord[]>(
      `SELECT v.id, v.submission_id AS "submissionId", v.version, v.body, v.links, v.late, v.created_at AS "createdAt",
              ${ATTACHMENTS_OF_VERSION} AS attachments
         FROM peer_review_submission_versions v
        WHERE v.id = ANY($1::uuid[]) OR v.submission_id = ANY($2::uuid[])
        ORDER BY v.submission_id, v.version`,
      [filter.ids ?? [], filter.submissionIds ?? []],
    );
  }

  /** Reviews the person submitted for the assignment (what counts towards their m). */
  async countSubmittedBy(cohortId: string, assignmentId: string, reviewerId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM peer_reviews
        WHERE cohort_id = $1 AND assignment_id = $2 AND reviewer_id = $3 AND submitted_at IS NOT NULL`,
      [cohortId, assignmentId, reviewerId],
    );
    return rows[0]?.n ?? 0;
  }
}
