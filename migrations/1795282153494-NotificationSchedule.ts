import { MigrationInterface, QueryRunner } from "typeorm";

export class NotificationSchedule1795282153494 implements MigrationInterface {
    name = 'NotificationSchedule1795282153494'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "email_suppressions" (
                "address" character varying(254) NOT NULL,
                "hard_bounces" integer NOT NULL DEFAULT '0',
                "suppressed_at" TIMESTAMP WITH TIME ZONE,
                "last_response" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_35bc92311d78c7f77f33f8783a2" PRIMARY KEY ("address")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "scheduled_notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dedupe_key" character varying(300) NOT NULL,
                "kind" character varying(32) NOT NULL,
                "user_id" uuid NOT NULL,
                "subject_id" uuid,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "payload" jsonb NOT NULL DEFAULT '{}',
                "delivery_id" uuid,
                "released_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_5c24bb3fb588cdcfe7296695e84" UNIQUE ("dedupe_key"),
                CONSTRAINT "scheduled_notifications_status_check" CHECK (status IN ('pending', 'released', 'cancelled')),
                CONSTRAINT "PK_9eb8b287229934bbd076a5d64f7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "scheduled_notifications_user_idx" ON "scheduled_notifications" ("user_id", "kind")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE INDEX "scheduled_notifications_subject_idx" ON "scheduled_notifications" ("subject_id")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE INDEX "scheduled_notifications_due_idx" ON "scheduled_notifications" ("due_at")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups"
            ADD "reminder_offsets_minutes" smallint array NOT NULL DEFAULT '{1440,60}'
        `);
        await queryRunner.query(`
            ALTER TABLE "scheduled_notifications"
            ADD CONSTRAINT "FK_5e8f0ad52cb1b3333272b5dbf2e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "scheduled_notifications" DROP CONSTRAINT "FK_5e8f0ad52cb1b3333272b5dbf2e"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups" DROP COLUMN "reminder_offsets_minutes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."scheduled_notifications_due_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."scheduled_notifications_subject_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."scheduled_notifications_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "scheduled_notifications"
        `);
        await queryRunner.query(`
            DROP TABLE "email_suppressions"
        `);
    }

}
