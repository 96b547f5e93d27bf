import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Peer review: calibration items with their reference review and learners' calibration reviews; the cohort option
 * to keep reviewers off their own cohort group's work; the submissions whose model score is too uncertain.
 */
export class PeerReviewCalibrationAndUncertainty1796601000000 implements MigrationInterface {
    name = 'PeerReviewCalibrationAndUncertainty1796601000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "peer_review_calibration_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "position" integer NOT NULL, "body" text NOT NULL, "reference_scores" jsonb NOT NULL, "reference_comment" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_calibration_items_position" UNIQUE ("cohort_id", "assignment_id", "position"), CONSTRAINT "peer_review_calibration_items_reference_shape" CHECK (jsonb_typeof("reference_scores") = 'array'), CONSTRAINT "peer_review_calibration_items_position_positive" CHECK ("position" >= 1), CONSTRAINT "PK_f2b4c02a6f35f1770f445eb2ff0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "peer_review_calibration_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "reviewer_id" uuid, "scores" jsonb, "overall_comment" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_calibration_reviews_one_per_reviewer" UNIQUE ("reviewer_id", "item_id"), CONSTRAINT "peer_review_calibration_reviews_submitted_complete" CHECK ("submitted_at" IS NULL OR "scores" IS NOT NULL), CONSTRAINT "peer_review_calibration_reviews_scores_shape" CHECK ("scores" IS NULL OR jsonb_typeof("scores") = 'array'), CONSTRAINT "PK_d715542949e0cae0cdb2800749e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "peer_review_calibration_reviews_by_assignment" ON "peer_review_calibration_reviews"  ("cohort_id", "assignment_id") `);
        await queryRunner.query(`ALTER TABLE "peer_review_calibration_reviews" ADD CONSTRAINT "FK_7d73458ce0f90712526f7f8a996" FOREIGN KEY ("item_id") REFERENCES "peer_review_calibration_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "peer_review_settings" ADD "exclude_own_group" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE TABLE "peer_review_uncertain_submissions" ("submission_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "standard_deviation" numeric(6,2) NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d9bf14999ee5d5c446adcc729cb" PRIMARY KEY ("submission_id"))`);
        await queryRunner.query(`CREATE INDEX "peer_review_uncertain_submissions_by_assignment" ON "peer_review_uncertain_submissions"  ("cohort_id", "assignment_id") `);
        await queryRunner.query(`ALTER TABLE "peer_review_uncertain_submissions" ADD CONSTRAINT "FK_d9bf14999ee5d5c446adcc729cb" FOREIGN KEY ("submission_id") REFERENCES "peer_review_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_review_uncertain_submissions" DROP CONSTRAINT "FK_d9bf14999ee5d5c446adcc729cb"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_uncertain_submissions_by_assignment"`);
        await queryRunner.query(`DROP TABLE "peer_review_uncertain_submissions"`);
        await queryRunner.query(`ALTER TABLE "peer_review_settings" DROP COLUMN "exclude_own_group"`);
        await queryRunner.query(`ALTER TABLE "peer_review_calibration_reviews" DROP CONSTRAINT "FK_7d73458ce0f90712526f7f8a996"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_calibration_reviews_by_assignment"`);
        await queryRunner.query(`DROP TABLE "peer_review_calibration_reviews"`);
        await queryRunner.query(`DROP TABLE "peer_review_calibration_items"`);
    }

}
