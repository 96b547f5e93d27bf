import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One person's reviewing in one assignment, as counted in the database. */
export interface ReviewingRecord {
  userId: string;
  displayName: string | null;
  /** They submitted work to the assignment, so they owe m reviews. */
  submitted: boolean;
  /** They gave staff reviews (a facilitator reviewing). */
  staff: boolean;
  /** Submitted reviews, those a facilitator removed from scoring included (as `submissions/mine` counts them). */
  given: number;
  /** Submitted before their review window closed (their own submission's; else the reviewed one's). */
  onTime: number;
  removed: number;
  /** Mean helpfulness (1-5) the authors gave their reviews; null before any rating. */
  helpfulness: number | null;
  ratings: number;
}

/** The reviewing of everyone in an assignment, or of one person: one statement whatever their number. */
@Injectable()
export class ReviewerStandingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async reviewing(cohortId: string, assignmentId: string, userId?: string): Promise<ReviewingRecord[]> {
    return this.dataSource.query<ReviewingRecord[]>(
      `WITH given AS (
         SELECT r.reviewer_id, bool_or(r.staff) AS staff, count(*)::int AS given,
                count(*) FILTER (WHERE r.submitted_at <= COALESCE(own.review_closes_at, s.review_closes_at))::int
                  AS on_time,
                count(*) FILTER (WHERE r.removed_at IS NOT NULL)::int AS removed,
                avg(f.helpfulness)::float8 AS helpfulness, count(f.helpfulness)::int AS ratings
           FROM peer_reviews r
           JOIN peer_review_submissions s ON s.id = r.submission_id
           LEFT JOIN peer_review_submissions own
             ON own.cohort_id = r.cohort_id AND own.assignment_id = r.assignment_id AND own.author_id = r.reviewer_id
           LEFT JOIN peer_review_feedback f ON f.review_id = r.id
          WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.submitted_at IS NOT NULL
            AND r.reviewer_id IS NOT NULL AND ($3::uuid IS NULL OR r.reviewer_id = $3::uuid)
          GROUP BY r.reviewer_id
       ),
       submitters AS (
         SELECT author_id AS user_id FROM peer_review_submissions
          WHERE cohort_id = $1 AND assignment_id = $2 AND ($3::uuid IS NULL OR author_id = $3::uuid)
       )
       SELECT COALESCE(g.reviewer_id, sb.user_id) AS "userId", p.display_name AS "displayName",
              sb.user_id IS NOT NULL AS submitted, COALESCE(g.staff, false) AS staff,
              COALESCE(g.given, 0) AS given, COALESCE(g.on_time, 0) AS "onTime", COALESCE(g.removed, 0) AS removed,
              g.helpfulness, COALESCE(g.ratings, 0) AS ratings
         FROM given g
         FULL JOIN submitters sb ON sb.user_id = g.reviewer_id
         LEFT JOIN identity_people p ON p.id = COALESCE(g.reviewer_id, sb.user_id)
        ORDER BY p.display_name, 1`,
      [cohortId, assignmentId, userId ?? null],
    );
  }
}
