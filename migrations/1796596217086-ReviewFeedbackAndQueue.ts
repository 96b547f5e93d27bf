import { MigrationInterface, QueryRunner } from "typeorm";

export class ReviewFeedbackAndQueue1796596217086 implements MigrationInterface {
    name = 'ReviewFeedbackAndQueue1796596217086'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "peer_review_feedback" ("review_id" uuid NOT NULL, "helpfulness" smallint, "rated_at" TIMESTAMP WITH TIME ZONE, "flag_reason" text, "flag_note" text, "flagged_at" TIMESTAMP WITH TIME ZONE, "flag_dismissed_at" TIMESTAMP WITH TIME ZONE, "flag_dismissed_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_feedback_flagged" CHECK (("flag_reason" IS NULL) = ("flagged_at" IS NULL)), CONSTRAINT "peer_review_feedback_reason" CHECK ("flag_reason" IS NULL OR "flag_reason" IN ('inappropriate', 'off_topic', 'no_effort')), CONSTRAINT "peer_review_feedback_helpfulness" CHECK ("helpfulness" IS NULL OR "helpfulness" BETWEEN 1 AND 5), CONSTRAINT "PK_423ea6a7b39ffad3e2cca7650af" PRIMARY KEY ("review_id"))`);
        await queryRunner.query(`CREATE INDEX "peer_review_feedback_open_flags" ON "peer_review_feedback"  ("flagged_at") WHERE "flag_reason" IS NOT NULL AND "flag_dismissed_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD "staff" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD "assigned_by" uuid`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD "removed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD "removed_reason" text`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" ADD "removed_by" uuid`);
        await queryRunner.query(`ALTER TABLE "peer_review_feedback" ADD CONSTRAINT "FK_423ea6a7b39ffad3e2cca7650af" FOREIGN KEY ("review_id") REFERENCES "peer_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_review_feedback" DROP CONSTRAINT "FK_423ea6a7b39ffad3e2cca7650af"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP COLUMN "removed_by"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP COLUMN "removed_reason"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP COLUMN "removed_at"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP COLUMN "assigned_by"`);
        await queryRunner.query(`ALTER TABLE "peer_reviews" DROP COLUMN "staff"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_feedback_open_flags"`);
        await queryRunner.query(`DROP TABLE "peer_review_feedback"`);
    }

}
