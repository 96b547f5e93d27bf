import { MigrationInterface, QueryRunner } from "typeorm";

/** Files on peer-review submissions: their metadata (bound to a version once submitted) and, for the PostgreSQL store, their bytes. */
export class SubmissionAttachments1796600000000 implements MigrationInterface {
    name = 'SubmissionAttachments1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "peer_review_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cohort_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "uploader_id" uuid NOT NULL, "submission_id" uuid, "version_id" uuid, "position" smallint, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "store" text NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "bound_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "peer_review_attachments_position" UNIQUE ("version_id", "position"), CONSTRAINT "peer_review_attachments_store" CHECK ("store" IN ('postgres', 's3')), CONSTRAINT "peer_review_attachments_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "peer_review_attachments_size" CHECK ("size_bytes" > 0), CONSTRAINT "peer_review_attachments_bound" CHECK (("version_id" IS NULL) = ("submission_id" IS NULL) AND ("version_id" IS NULL) = ("bound_at" IS NULL) AND ("version_id" IS NULL) = ("position" IS NULL)), CONSTRAINT "PK_19143341c2bd785a0ee6e24fb0a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "peer_review_attachments_unbound" ON "peer_review_attachments"  ("created_at") WHERE "version_id" IS NULL`);
        await queryRunner.query(`CREATE INDEX "peer_review_attachments_by_uploader" ON "peer_review_attachments"  ("uploader_id") `);
        await queryRunner.query(`CREATE INDEX "peer_review_attachments_by_submission" ON "peer_review_attachments"  ("submission_id") `);
        await queryRunner.query(`CREATE TABLE "peer_review_attachment_contents" ("attachment_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_9f405a0cee5c9e620bc21c505f1" PRIMARY KEY ("attachment_id"))`);
        await queryRunner.query(`ALTER TABLE "peer_review_attachments" ADD CONSTRAINT "FK_402a192bc416bac1ad5bc1ac777" FOREIGN KEY ("submission_id") REFERENCES "peer_review_submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "peer_review_attachments" ADD CONSTRAINT "FK_4317efc83abd5d89da77c237772" FOREIGN KEY ("version_id") REFERENCES "peer_review_submission_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "peer_review_attachment_contents" ADD CONSTRAINT "FK_9f405a0cee5c9e620bc21c505f1" FOREIGN KEY ("attachment_id") REFERENCES "peer_review_attachments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_review_attachment_contents" DROP CONSTRAINT "FK_9f405a0cee5c9e620bc21c505f1"`);
        await queryRunner.query(`ALTER TABLE "peer_review_attachments" DROP CONSTRAINT "FK_4317efc83abd5d89da77c237772"`);
        await queryRunner.query(`ALTER TABLE "peer_review_attachments" DROP CONSTRAINT "FK_402a192bc416bac1ad5bc1ac777"`);
        await queryRunner.query(`DROP TABLE "peer_review_attachment_contents"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_attachments_by_submission"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_attachments_by_uploader"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_attachments_unbound"`);
        await queryRunner.query(`DROP TABLE "peer_review_attachments"`);
    }

}
