import { MigrationInterface, QueryRunner } from "typeorm";

export class PeerReviewScoring1796596214321 implements MigrationInterface {
    name = 'PeerReviewScoring1796596214321'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "peer_review_assignment_settings" ("cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "aggregation_method" text NOT NULL DEFAULT 'model', "released_at" TIMESTAMP WITH TIME ZONE, "released_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_assignment_settings_method" CHECK ("aggregation_method" IN ('mean', 'median', 'model')), CONSTRAINT "PK_e47563e853155be78a0c01f9a19" PRIMARY KEY ("cohort_id", "assignment_id"))`);
        await queryRunner.query(`CREATE TABLE "peer_review_score_overrides" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "total" numeric(5,2) NOT NULL, "reason" text NOT NULL, "set_by" uuid, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "peer_review_score_overrides_total" CHECK ("total" BETWEEN 0 AND 100), CONSTRAINT "PK_1165e9b0afec9b9ae732f43c89f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "peer_review_score_overrides_by_submission" ON "peer_review_score_overrides"  ("submission_id", "set_at") `);
        await queryRunner.query(`ALTER TABLE "peer_review_score_overrides" ADD CONSTRAINT "FK_9bfb7b7835660ceda786935dcdc" FOREIGN KEY ("submission_id") REFERENCES "peer_review_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_review_score_overrides" DROP CONSTRAINT "FK_9bfb7b7835660ceda786935dcdc"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_score_overrides_by_submission"`);
        await queryRunner.query(`DROP TABLE "peer_review_score_overrides"`);
        await queryRunner.query(`DROP TABLE "peer_review_assignment_settings"`);
    }

}
