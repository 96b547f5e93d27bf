import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What peer-review notifications need:
 * - the peer-review library's read views (listed in libs/peer-review/src/peer-review-read-views.ts): the dates,
 *   states and people of submissions and reviews, never their bodies, scores or comments;
 * - notification_preferences.review_activity_delivery: how review activity reaches someone who has it on
 *   (`review_activity`, the switch one-click unsubscribe turns off): 'immediate' (emailed, the default) or 'digest'.
 *   identity_notification_settings is `SELECT *`, whose columns PostgreSQL fixed when it was made: made again.
 */
export class PeerReviewNotifications1796603000000 implements MigrationInterface {
    name = 'PeerReviewNotifications1796603000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "peer_review_submission_windows" AS
            SELECT id, cohort_id, assignment_id, author_id, due_at, review_closes_at, created_at
              FROM peer_review_submissions
        `);
        await queryRunner.query(`
            CREATE VIEW "peer_review_review_states" AS
            SELECT id, submission_id, cohort_id, assignment_id, reviewer_id, staff, lease_expires_at, submitted_at,
                   removed_at, created_at
              FROM peer_reviews
        `);
        await queryRunner.query(`
            CREATE VIEW "peer_review_score_releases" AS
            SELECT cohort_id, assignment_id, released_at FROM peer_review_assignment_settings
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD "review_activity_delivery" character varying(16) NOT NULL DEFAULT 'immediate'
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "notification_preferences_review_activity_delivery_check" CHECK (review_activity_delivery IN ('immediate', 'digest'))
        `);
        await queryRunner.query(`
            CREATE OR REPLACE VIEW "identity_notification_settings" AS SELECT * FROM notification_preferences
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "identity_notification_settings"`);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_review_activity_delivery_check"
        `);
        await queryRunner.query(`ALTER TABLE "notification_preferences" DROP COLUMN "review_activity_delivery"`);
        await queryRunner.query(`
            CREATE VIEW "identity_notification_settings" AS SELECT * FROM notification_preferences
        `);
        await queryRunner.query(`DROP VIEW "peer_review_score_releases"`);
        await queryRunner.query(`DROP VIEW "peer_review_review_states"`);
        await queryRunner.query(`DROP VIEW "peer_review_submission_windows"`);
    }

}
