import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Read views the badges library's automatic rules count from (libs/badges/src/rules), each defined by the library
 * that owns the rows: `cohort_completions` (cohorts, COHORT_READ_VIEWS) says who completed a cohort and still holds
 * their seat, and `peer_review_reviewer_helpfulness` (peer review, PEER_REVIEW_READ_VIEWS) counts per cohort and
 * reviewer the reviews that count (submitted, not removed) and the mean helpfulness of those their receivers rated.
 * A declined nomination keeps the facilitator's reason (`decline_reason`).
 */
export class BadgeRuleReadViews1796702000000 implements MigrationInterface {
    name = 'BadgeRuleReadViews1796702000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "badge_nominations" ADD "decline_reason" text`);
        await queryRunner.query(`
            CREATE VIEW "cohort_completions" AS
            SELECT cohort_id, user_id, completed_at FROM cohort_members
             WHERE role = 'learner' AND status = 'active' AND completed_at IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE VIEW "peer_review_reviewer_helpfulness" AS
            SELECT r.cohort_id, r.reviewer_id, count(*)::int AS reviews_given, count(f.helpfulness)::int AS rated,
                   avg(f.helpfulness)::float8 AS mean_helpfulness
              FROM peer_reviews r
              LEFT JOIN peer_review_feedback f ON f.review_id = r.id
             WHERE r.reviewer_id IS NOT NULL AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL
             GROUP BY r.cohort_id, r.reviewer_id
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "peer_review_reviewer_helpfulness"`);
        await queryRunner.query(`DROP VIEW "cohort_completions"`);
        await queryRunner.query(`ALTER TABLE "badge_nominations" DROP COLUMN "decline_reason"`);
    }

}
