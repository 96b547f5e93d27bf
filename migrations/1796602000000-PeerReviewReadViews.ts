import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Read views for the facilitator dashboard's peer-review columns (libs/peer-review/src/dashboard): the SQL that
 * peer review contributes runs inside the cohorts library's dashboard statement, so it reads these views, not
 * peer review's tables. `cohort_course_versions` is the cohorts library's (listed in COHORT_READ_VIEWS): which
 * course version a cohort runs. The peer-review views are listed in PEER_REVIEW_READ_VIEWS.
 */
export class PeerReviewReadViews1796602000000 implements MigrationInterface {
    name = 'PeerReviewReadViews1796602000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "cohort_course_versions" AS
            SELECT id AS cohort_id, course_version_id FROM cohorts
        `);
        // k and m of every assignment a cohort runs, read from its published (immutable) course version.
        await queryRunner.query(`
            CREATE VIEW "peer_review_assignment_rules" AS
            SELECT cv.cohort_id, (a->>'id')::uuid AS assignment_id, (mo->>'id')::uuid AS module_id,
                   (a->'review'->>'reviewsPerSubmission')::int AS reviews_per_submission,
                   (a->'review'->>'reviewsPerLearner')::int AS reviews_per_learner
              FROM cohort_course_versions cv
              JOIN published_course_versions v ON v.id = cv.course_version_id
             CROSS JOIN LATERAL jsonb_array_elements(v.content->'modules') mo
             CROSS JOIN LATERAL jsonb_array_elements(mo->'assignments') a
        `);
        // One row per submission: its author's part in the assignment. Given: submitted reviews (removed ones
        // included, as submissions/mine counts them); received: those that count (submitted, not removed).
        await queryRunner.query(`
            CREATE VIEW "peer_review_learner_assignments" AS
            SELECT s.cohort_id, s.assignment_id, s.author_id AS user_id, s.id AS submission_id, s.latest_version,
                   s.due_at, s.review_closes_at,
                   (SELECT count(*) FROM peer_reviews r
                     WHERE r.cohort_id = s.cohort_id AND r.assignment_id = s.assignment_id
                       AND r.reviewer_id = s.author_id AND r.submitted_at IS NOT NULL)::int AS reviews_given,
                   (SELECT count(*) FROM peer_reviews r
                     WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL)::int
                     AS reviews_received
              FROM peer_review_submissions s
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "peer_review_learner_assignments"`);
        await queryRunner.query(`DROP VIEW "peer_review_assignment_rules"`);
        await queryRunner.query(`DROP VIEW "cohort_course_versions"`);
    }

}
