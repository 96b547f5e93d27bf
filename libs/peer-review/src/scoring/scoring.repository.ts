import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Outbox } from '@app/core';
import { PeerReviewEvent } from '../peer-review.events';
import type { AggregationMethod } from '../aggregation/aggregation.types';
import { AssignmentScoring } from './assignment-scoring.entity';
import type { SubmittedScores } from './score-computation';
import { ScoreOverride } from './score-override.entity';

export interface OverrideRecord {
  id: string;
  submissionId: string;
  total: number;
  reason: string;
  setById: string | null;
  setByName: string | null;
  setAt: Date;
}

/** Scoring's reads and writes: one query per set (a whole assignment's reviews, all its overrides). */
@Injectable()
export class ScoringRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async findSettings(
    cohortId: string,
    assignmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AssignmentScoring | null> {
    return manager.findOneBy(AssignmentScoring, { cohortId, assignmentId });
  }

  /** The method, and `scoring-changed` in the same transaction: the model's uncertain set follows the method. */
  async saveMethod(cohortId: string, assignmentId: string, method: AggregationMethod, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO peer_review_assignment_settings (cohort_id, assignment_id, aggregation_method, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (cohort_id, assignment_id) DO UPDATE SET aggregation_method = $3, updated_at = $4`,
        [cohortId, assignmentId, method, now],
      );
      await this.outbox.record(manager, PeerReviewEvent.ScoringChanged, assignmentId, { cohortId, assignmentId });
    });
  }

  /**
   * The first release stands: releasing again changes nothing. The first one records `scores-released` in the same
   * transaction (a concurrent first release may record it twice; its consumers dedupe by submission).
   */
  async release(cohortId: string, assignmentId: string, by: string, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.query<{ released_at: Date | null }[]>(
        `SELECT released_at FROM peer_review_assignment_settings WHERE cohort_id = $1 AND assignment_id = $2 FOR UPDATE`,
        [cohortId, assignmentId],
      );
      if (before[0]?.released_at) return;
      await manager.query(
        `INSERT INTO peer_review_assignment_settings (cohort_id, assignment_id, released_at, released_by, updated_at)
         VALUES ($1, $2, $4, $3, $4)
         ON CONFLICT (cohort_id, assignment_id) DO UPDATE
           SET released_at = COALESCE(peer_review_assignment_settings.released_at, $4),
               released_by = COALESCE(peer_review_assignment_settings.released_by, $3),
               updated_at = $4`,
        [cohortId, assignmentId, by, now],
      );
      await this.outbox.record(manager, PeerReviewEvent.ScoresReleased, assignmentId, {
        cohortId,
        assignmentId,
        releasedBy: by,
      });
    });
  }

  /**
   * Every counted review of the assignment in the cohort: submitted, not removed by a facilitator (staff reviews
   * count). An erased reviewer keeps a key of their own per review.
   */
  async submittedScores(
    cohortId: string,
    assignmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubmittedScores[]> {
    return manager.query<SubmittedScores[]>(
      `SELECT submission_id AS "submissionId", COALESCE(reviewer_id::text, 'erased:' || id::text) AS "reviewerKey",
              scores
         FROM peer_reviews
        WHERE cohort_id = $1 AND assignment_id = $2 AND submitted_at IS NOT NULL AND removed_at IS NULL
        ORDER BY submission_id, id`,
      [cohortId, assignmentId],
    );
  }

  /** Overrides of the assignment's submissions (or of one), newest first. */
  async overrides(cohortId: string, assignmentId: string, submissionId?: string): Promise<OverrideRecord[]> {
    const rows = await this.dataSource.query<(Omit<OverrideRecord, 'total'> & { total: string })[]>(
      `SELECT o.id, o.submission_id AS "submissionId", o.total, o.reason, o.set_by AS "setById",
              p.display_name AS "setByName", o.set_at AS "setAt"
         FROM peer_review_score_overrides o
         JOIN peer_review_submissions s ON s.id = o.submission_id
         LEFT JOIN identity_people p ON p.id = o.set_by
        WHERE s.cohort_id = $1 AND s.assignment_id = $2 AND ($3::uuid IS NULL OR o.submission_id = $3::uuid)
        ORDER BY o.set_at DESC, o.id`,
      [cohortId, assignmentId, submissionId ?? null],
    );
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  }

  /** The assignments of the cohort that have at least one submission. */
  async assignmentsWithSubmissions(cohortId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ assignmentId: string }[]>(
      `SELECT DISTINCT assignment_id AS "assignmentId" FROM peer_review_submissions WHERE cohort_id = $1`,
      [cohortId],
    );
    return rows.map((r) => r.assignmentId);
  }

  /** Submissions of the assignment with at least one override (they need no more reviews). */
  async overriddenSubmissions(
    cohortId: string,
    assignmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT DISTINCT o.submission_id AS id
         FROM peer_review_score_overrides o JOIN peer_review_submissions s ON s.id = o.submission_id
        WHERE s.cohort_id = $1 AND s.assignment_id = $2`,
      [cohortId, assignmentId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Replaces the assignment's set of uncertain submissions (one delete, one insert, whatever the count). */
  async replaceUncertain(
    manager: EntityManager,
    cohortId: string,
    assignmentId: string,
    uncertain: readonly { submissionId: string; standardDeviation: number }[],
    now: Date,
  ): Promise<void> {
    await manager.query(`DELETE FROM peer_review_uncertain_submissions WHERE cohort_id = $1 AND assignment_id = $2`, [
      cohortId,
      assignmentId,
    ]);
    if (uncertain.length === 0) return;
    await manager.query(
      `INSERT INTO peer_review_uncertain_submissions (submission_id, cohort_id, assignment_id, standard_deviation,
                                                      computed_at)
       SELECT u.id, $1, $2, u.sd, $5 FROM unnest($3::uuid[], $4::numeric[]) AS u(id, sd)`,
      [
        cohortId,
        assignmentId,
        uncertain.map((u) => u.submissionId),
        uncertain.map((u) => Math.min(9999, u.standardDeviation).toFixed(2)),
        now,
      ],
    );
  }

  async submissionExists(cohortId: string, assignmentId: string, submissionId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM peer_review_submissions WHERE id = $1 AND cohort_id = $2 AND assignment_id = $3`,
      [submissionId, cohortId, assignmentId],
    );
    return rows.length > 0;
  }

  /** The override, and `scoring-changed` in the same transaction: an overridden submission needs no more reviews. */
  async addOverride(
    address: { cohortId: string; assignmentId: string; submissionId: string },
    total: number,
    reason: string,
    by: string,
    now: Date,
  ): Promise<void> {
    const { cohortId, assignmentId, submissionId } = address;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ScoreOverride, {
        submissionId,
        total: total.toFixed(2),
        reason,
        setBy: by,
        setAt: now,
      });
      await this.outbox.record(manager, PeerReviewEvent.ScoringChanged, assignmentId, { cohortId, assignmentId });
    });
  }

  /** The cohort and assignment of each of these submissions (for events recorded before they carried them). */
  async assignmentsOfSubmissions(
    manager: EntityManager,
    submissionIds: readonly string[],
  ): Promise<{ cohortId: string; assignmentId: string }[]> {
    if (submissionIds.length === 0) return [];
    return manager.query<{ cohortId: string; assignmentId: string }[]>(
      `SELECT DISTINCT cohort_id AS "cohortId", assignment_id AS "assignmentId"
         FROM peer_review_submissions WHERE id = ANY($1::uuid[])`,
      [submissionIds],
    );
  }
}
