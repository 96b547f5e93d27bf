import { MigrationInterface, QueryRunner } from "typeorm";

export class CoursesAndOutbox1795272116412 implements MigrationInterface {
    name = 'CoursesAndOutbox1795272116412'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "type" character varying(64) NOT NULL,
                "aggregate_type" character varying(32) NOT NULL,
                "aggregate_id" uuid NOT NULL,
                "payload" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_events_aggregate_idx" ON "outbox_events" ("aggregate_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events" ("id")
            WHERE published_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "courses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "author_id" uuid NOT NULL,
                "draft" jsonb NOT NULL,
                "forked_from_version_id" uuid,
                "latest_version_id" uuid,
                "latest_version_number" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "courses_latest_version_check" CHECK (latest_version_number >= 0),
                CONSTRAINT "PK_3f70a487cc718ad8eda4e6d58c9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "courses_author_idx" ON "courses" ("author_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "courses_forked_from_idx" ON "courses" ("forked_from_version_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "course_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "course_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "content" jsonb NOT NULL,
                "title" character varying(200) NOT NULL,
                "language" character varying(35) NOT NULL,
                "topics" text array NOT NULL DEFAULT '{}',
                "license" character varying(32) NOT NULL,
                "published_by" uuid NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "course_versions_number_unique" UNIQUE ("course_id", "number"),
                CONSTRAINT "course_versions_number_check" CHECK (number >= 1),
                CONSTRAINT "PK_cc9e77578136a62e599f33d15ff" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "course_versions_language_idx" ON "course_versions" ("language")
        `);
        await queryRunner.query(`
            ALTER TABLE "courses"
            ADD CONSTRAINT "FK_cce7a734fa75f9f3051c50d3283" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "courses"
            ADD CONSTRAINT "FK_d6144fa1f9dd11b279251ff8e7d" FOREIGN KEY ("forked_from_version_id") REFERENCES "course_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "courses"
            ADD CONSTRAINT "FK_0834e20ac0b603038cfe110c16e" FOREIGN KEY ("latest_version_id") REFERENCES "course_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "course_versions"
            ADD CONSTRAINT "FK_34cbd320b458b8cf9e0d580304e" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "course_versions" DROP CONSTRAINT "FK_34cbd320b458b8cf9e0d580304e"
        `);
        await queryRunner.query(`
            ALTER TABLE "courses" DROP CONSTRAINT "FK_0834e20ac0b603038cfe110c16e"
        `);
        await queryRunner.query(`
            ALTER TABLE "courses" DROP CONSTRAINT "FK_d6144fa1f9dd11b279251ff8e7d"
        `);
        await queryRunner.query(`
            ALTER TABLE "courses" DROP CONSTRAINT "FK_cce7a734fa75f9f3051c50d3283"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."course_versions_language_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "course_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."courses_forked_from_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."courses_author_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "courses"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."outbox_events_unpublished_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."outbox_events_aggregate_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    }

}
