import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795269930000 implements MigrationInterface {
    name = 'Foundation1795269930000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254),
                "email_verified_at" TIMESTAMP WITH TIME ZONE,
                "password_hash" character varying(300),
                "display_name" character varying(80) NOT NULL,
                "bio" character varying(2000),
                "time_zone" character varying(64) NOT NULL,
                "locale" character varying(8) NOT NULL DEFAULT 'en',
                "role" character varying(16) NOT NULL DEFAULT 'user',
                "availability" jsonb NOT NULL DEFAULT '[]',
                "session_version" integer NOT NULL DEFAULT '0',
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "users_deleted_has_no_email_check" CHECK (
                    deleted_at IS NULL
                    OR email IS NULL
                ),
                CONSTRAINT "users_availability_is_array_check" CHECK (jsonb_typeof(availability) = 'array'),
                CONSTRAINT "users_email_lowercase_check" CHECK (email = lower(email)),
                CONSTRAINT "users_locale_check" CHECK (locale IN ('en', 'es', 'fr')),
                CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'user')),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_preferences" (
                "user_id" uuid NOT NULL,
                "digest" character varying(8) NOT NULL DEFAULT 'daily',
                "digest_hour" smallint NOT NULL DEFAULT '8',
                "digest_weekday" smallint NOT NULL DEFAULT '1',
                "reminders" boolean NOT NULL DEFAULT true,
                "review_activity" boolean NOT NULL DEFAULT true,
                "announcements" boolean NOT NULL DEFAULT true,
                "badges" boolean NOT NULL DEFAULT true,
                "quiet_start_minute" smallint,
                "quiet_end_minute" smallint,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_preferences_quiet_hours_check" CHECK (
                    (quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)
                    AND (
                        quiet_start_minute IS NULL
                        OR (
                            quiet_start_minute BETWEEN 0 AND 1439
                            AND quiet_end_minute BETWEEN 0 AND 1439
                        )
                    )
                ),
                CONSTRAINT "notification_preferences_weekday_check" CHECK (
                    digest_weekday BETWEEN 1 AND 7
                ),
                CONSTRAINT "notification_preferences_hour_check" CHECK (
                    digest_hour BETWEEN 0 AND 23
                ),
                CONSTRAINT "notification_preferences_digest_check" CHECK (digest IN ('off', 'daily', 'weekly')),
                CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_a7838d2ba25be1342091b6695f1" UNIQUE ("token_hash"),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(32) NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_ebdd918653813b59cdd5d379b5b" UNIQUE ("token_hash"),
                CONSTRAINT "user_tokens_purpose_check" CHECK (purpose IN ('verify_email', 'reset_password')),
                CONSTRAINT "PK_63764db9d9aaa4af33e07b2f4bf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "user_tokens_user_idx" ON "user_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "email_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dedupe_key" character varying(300) NOT NULL,
                "kind" character varying(64) NOT NULL,
                "user_id" uuid,
                "to_address" character varying(254),
                "locale" character varying(8) NOT NULL,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "subject" character varying(300),
                "message_id" character varying(300),
                "last_response" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_ef24fa3c1f939539a9a5764fb36" UNIQUE ("dedupe_key"),
                CONSTRAINT "email_deliveries_status_check" CHECK (
                    status IN (
                        'pending',
                        'sending',
                        'sent',
                        'skipped',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_aa4e94683dafee7c55aaeb9f59d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_user_idx" ON "email_deliveries" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_due_idx" ON "email_deliveries" ("next_attempt_at")
            WHERE status IN ('pending', 'sending')
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_tokens"
            ADD CONSTRAINT "FK_9e144a67be49e5bba91195ef5de" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "user_tokens" DROP CONSTRAINT "FK_9e144a67be49e5bba91195ef5de"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_due_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "email_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."user_tokens_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "user_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_family_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_preferences"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
    }

}
