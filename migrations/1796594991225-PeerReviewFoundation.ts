import { MigrationInterface, QueryRunner } from "typeorm";

export class PeerReviewFoundation1796594991225 implements MigrationInterface {
    name = 'PeerReviewFoundation1796594991225'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "peer_review_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "module_id" uuid NOT NULL, "author_id" uuid NOT NULL, "latest_version" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "review_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_submissions_one_per_author" UNIQUE ("cohort_id", "assignment_id", "author_id"), CONSTRAINT "peer_review_submissions_window" CHECK ("review_closes_at" >= "due_at"), CONSTRAINT "peer_review_submissions_version" CHECK ("latest_version" >= 1), CONSTRAINT "PK_194f08c70bacea6b5f3234beed4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "peer_review_submission_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "version" integer NOT NULL, "body" text NOT NULL, "links" jsonb NOT NULL, "late" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_submission_versions_number" UNIQUE ("submission_id", "version"), CONSTRAINT "peer_review_submission_versions_links" CHECK (jsonb_typeof("links") = 'array'), CONSTRAINT "peer_review_submission_versions_positive" CHECK ("version" >= 1), CONSTRAINT "PK_4047a73b096aa91c6493d685ee1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "peer_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "version_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "reviewer_id" uuid, "lease_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "scores" jsonb, "overall_comment" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_reviews_one_per_reviewer" UNIQUE ("reviewer_id", "submission_id"), CONSTRAINT "peer_reviews_submitted_complete" CHECK ("submitted_at" IS NULL OR "scores" IS NOT NULL), CONSTRAINT "peer_reviews_scores_shape" CHECK ("scores" IS NULL OR jsonb_typeof("scores") = 'array'), CONSTRAINT "PK_2532078fca474d3c97e56a5bd19" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "peer_reviews_by_reviewer" ON "peer_reviews"  ("cohort_id", "assignment_id", "reviewer_id") `);
        await queryRunner.query(`CREATE INDEX "peer_reviews_by_submission" ON "peer_reviews"  ("submission_id") `);
        await queryRunner.query(`CREATE TABLE "peer_review_settings" ("cohort_id" uuid NOT NULL, "late_submissions" boolean NOT NULL DEFAULT false, "review_window_days" integer NOT NULL DEFAULT '3', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_settings_window" CHECK ("review_window_days" BETWEEN 0 AND 60), CONSTRAINT "PK_5a3b936d580d8addfe61ec9e23b" PRIMARY KEY ("cohort_id"))`);
        await queryRunner.query(`ALTER TABLE "peer_review_submission_versions" ADD CONSTRAINT "FK_0faa232f68771be8781d1433a5c" FOREIGN KEY ("submission_id") REFERENCES "peer_review_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD CONSTRAINT "FK_78830e52b0c423d4a21bad6be65" FOREIGN KEY ("submission_id") REFERENCES "peer_review_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD CONSTRAINT "FK_cbe9394c4ff4ea489b517e82d3e" FOREIGN KEY ("version_id") REFERENCES "peer_review_submission_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP CONSTRAINT "FK_cbe9394c4ff4ea489b517e82d3e"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP CONSTRAINT "FK_78830e52b0c423d4a21bad6be65"`);
        await queryRunner.query(`ALTER TABLE "peer_review_submission_versions" DROP CONSTRAINT "FK_0faa232f68771be8781d1433a5c"`);
        await queryRunner.query(`DROP TABLE "peer_review_settings"`);
        await queryRunner.query(`DROP INDEX "public"."peer_reviews_by_submission"`);
        await queryRunner.query(`DROP INDEX "public"."peer_reviews_by_reviewer"`);
        await queryRunner.query(`DROP TABLE "peer_reviews"`);
        await queryRunner.query(`DROP TABLE "peer_review_submission_versions"`);
        await queryRunner.query(`DROP TABLE "peer_review_submissions"`);
    }

}
