import { MigrationInterface, QueryRunner } from "typeorm";

export class Cohorts1795279960826 implements MigrationInterface {
    name = 'Cohorts1795279960826'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cohorts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(120) NOT NULL,
                "description" character varying(5000) NOT NULL DEFAULT '',
                "course_version_id" uuid NOT NULL,
                "start_date" date NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "capacity" integer NOT NULL,
                "enrolled_count" integer NOT NULL DEFAULT '0',
                "enrollment_mode" character varying(16) NOT NULL,
                "deadline_mode" character varying(16) NOT NULL,
                "invite_code" character varying(64) NOT NULL,
                "completion_module_percent" smallint NOT NULL DEFAULT '100',
                "completion_attendance_percent" smallint NOT NULL DEFAULT '0',
                "group_min_size" smallint,
                "group_max_size" smallint,
                "groups_formed_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_88a16570a9dbb833636ef631f0f" UNIQUE ("invite_code"),
                CONSTRAINT "cohorts_group_size_check" CHECK (
                    (group_min_size IS NULL) = (group_max_size IS NULL)
                    AND (
                        group_min_size IS NULL
                        OR (
                            group_min_size >= 1
                            AND group_max_size >= group_min_size
                            AND group_max_size <= 50
                        )
                    )
                ),
                CONSTRAINT "cohorts_completion_check" CHECK (
                    completion_module_percent BETWEEN 0 AND 100
                    AND completion_attendance_percent BETWEEN 0 AND 100
                ),
                CONSTRAINT "cohorts_enrolled_count_check" CHECK (
                    enrolled_count >= 0
                    AND enrolled_count <= capacity
                ),
                CONSTRAINT "cohorts_capacity_check" CHECK (
                    capacity BETWEEN 1 AND 100000
                ),
                CONSTRAINT "cohorts_deadline_mode_check" CHECK (deadline_mode IN ('fixed', 'learner-local')),
                CONSTRAINT "cohorts_enrollment_mode_check" CHECK (
                    enrollment_mode IN ('open', 'approval', 'invite')
                ),
                CONSTRAINT "PK_fd38f76b135e907b834fda1e752" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cohorts_course_version_idx" ON "cohorts" ("course_version_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "cohorts_created_by_idx" ON "cohorts" ("created_by")
        `);
        await queryRunner.query(`
            CREATE TABLE "cohort_announcements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cohort_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "body" character varying(20000) NOT NULL,
                "body_html" text NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_5bc50eaf3352f65db579171f9ff" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cohort_announcements_cohort_idx" ON "cohort_announcements" ("cohort_id", "published_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "cohort_members" (
                "cohort_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "grouping_opt_in" boolean NOT NULL DEFAULT false,
                "move_requested_at" TIMESTAMP WITH TIME ZONE,
                "move_request_note" character varying(500),
                "last_active_at" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "cohort_members_facilitator_active_check" CHECK (
                    role = 'learner'
                    OR status = 'active'
                ),
                CONSTRAINT "cohort_members_status_check" CHECK (
                    status IN ('pending', 'active', 'declined', 'withdrawn')
                ),
                CONSTRAINT "cohort_members_role_check" CHECK (role IN ('learner', 'facilitator')),
                CONSTRAINT "PK_9001e01b40ea73c30f7bb495f11" PRIMARY KEY ("cohort_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cohort_members_roster_idx" ON "cohort_members" ("cohort_id", "role", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "cohort_members_user_idx" ON "cohort_members" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "discussion_threads" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cohort_id" uuid NOT NULL,
                "group_id" uuid,
                "author_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "pinned" boolean NOT NULL DEFAULT false,
                "locked" boolean NOT NULL DEFAULT false,
                "reply_count" integer NOT NULL DEFAULT '0',
                "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a818837c00396f71200df3103f8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "discussion_threads_listing_idx" ON "discussion_threads" (
                "cohort_id",
                "group_id",
                "pinned",
                "last_activity_at"
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "discussion_posts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "thread_id" uuid NOT NULL,
                "cohort_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "body" character varying(20000) NOT NULL,
                "body_html" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "edited_at" TIMESTAMP WITH TIME ZONE,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_1bfc0860cd9175674a2b7983833" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "discussion_posts_author_idx" ON "discussion_posts" ("cohort_id", "author_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "discussion_posts_thread_idx" ON "discussion_posts" ("thread_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "deadline_extensions" (
                "cohort_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "module_id" uuid NOT NULL,
                "extra_days" smallint NOT NULL,
                "granted_by" uuid NOT NULL,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "deadline_extensions_days_check" CHECK (
                    extra_days BETWEEN 1 AND 365
                ),
                CONSTRAINT "PK_f3dbcdd1f2544a896c87fb056b9" PRIMARY KEY ("cohort_id", "user_id", "module_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "cohort_modules" (
                "cohort_id" uuid NOT NULL,
                "module_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "title" character varying(200) NOT NULL,
                "release_offset_days" smallint NOT NULL,
                "due_offset_days" smallint NOT NULL,
                CONSTRAINT "cohort_modules_horizon_check" CHECK (due_offset_days <= 730),
                CONSTRAINT "cohort_modules_offsets_check" CHECK (
                    release_offset_days >= 0
                    AND due_offset_days >= release_offset_days
                ),
                CONSTRAINT "PK_c7227df36ba3102b549ad755a25" PRIMARY KEY ("cohort_id", "module_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "module_completions" (
                "cohort_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "module_id" uuid NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_f3f6e9d7a314b18e30941cf810e" PRIMARY KEY ("cohort_id", "user_id", "module_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "module_completions_cohort_idx" ON "module_completions" ("cohort_id", "module_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "cohort_groups" (
                "group_id" uuid NOT NULL,
                "cohort_id" uuid NOT NULL,
                "number" smallint NOT NULL,
                "formed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "cohort_groups_number_key" UNIQUE ("cohort_id", "number"),
                CONSTRAINT "PK_51ca9a806e8fd9dbcd07ebeb645" PRIMARY KEY ("group_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "cohort_groups_cohort_idx" ON "cohort_groups" ("cohort_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "languages" character varying(35) array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "cohorts"
            ADD CONSTRAINT "FK_55c45ce9492475c06b07250cf66" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohorts"
            ADD CONSTRAINT "FK_be480729a8dc513fa346cdfcec1" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_announcements"
            ADD CONSTRAINT "FK_229d2e4ccbfca372f36ca960193" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_announcements"
            ADD CONSTRAINT "FK_e3cc8260f4e5b953f10026e0cc7" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_members"
            ADD CONSTRAINT "FK_bde9c54a6a6fa9bf6fcecad1e03" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_members"
            ADD CONSTRAINT "FK_94586924fd1c63d7a51d3767074" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads"
            ADD CONSTRAINT "FK_622729f16eb8defd46d08fb68be" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads"
            ADD CONSTRAINT "FK_cf9bdaa4898b6e233759029974f" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads"
            ADD CONSTRAINT "FK_6925ca722ce9ed3dbe63a123198" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_posts"
            ADD CONSTRAINT "FK_0b0950535a2571b4f375db7b4ae" FOREIGN KEY ("thread_id") REFERENCES "discussion_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_posts"
            ADD CONSTRAINT "FK_5861d03c3859af8f7b40032ef08" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "deadline_extensions"
            ADD CONSTRAINT "FK_1afad1aef9f957bbb307ea77640" FOREIGN KEY ("cohort_id", "user_id") REFERENCES "cohort_members"("cohort_id", "user_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_modules"
            ADD CONSTRAINT "FK_3074a9be856a3a9130330dc220f" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "module_completions"
            ADD CONSTRAINT "FK_756cb3d2d59af1d8b873569c484" FOREIGN KEY ("cohort_id", "user_id") REFERENCES "cohort_members"("cohort_id", "user_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_groups"
            ADD CONSTRAINT "FK_51ca9a806e8fd9dbcd07ebeb645" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_groups"
            ADD CONSTRAINT "FK_c69e6d432585adbb886f470fc5a" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "cohort_groups" DROP CONSTRAINT "FK_c69e6d432585adbb886f470fc5a"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_groups" DROP CONSTRAINT "FK_51ca9a806e8fd9dbcd07ebeb645"
        `);
        await queryRunner.query(`
            ALTER TABLE "module_completions" DROP CONSTRAINT "FK_756cb3d2d59af1d8b873569c484"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_modules" DROP CONSTRAINT "FK_3074a9be856a3a9130330dc220f"
        `);
        await queryRunner.query(`
            ALTER TABLE "deadline_extensions" DROP CONSTRAINT "FK_1afad1aef9f957bbb307ea77640"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_posts" DROP CONSTRAINT "FK_5861d03c3859af8f7b40032ef08"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_posts" DROP CONSTRAINT "FK_0b0950535a2571b4f375db7b4ae"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads" DROP CONSTRAINT "FK_6925ca722ce9ed3dbe63a123198"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads" DROP CONSTRAINT "FK_cf9bdaa4898b6e233759029974f"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_threads" DROP CONSTRAINT "FK_622729f16eb8defd46d08fb68be"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_members" DROP CONSTRAINT "FK_94586924fd1c63d7a51d3767074"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_members" DROP CONSTRAINT "FK_bde9c54a6a6fa9bf6fcecad1e03"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_announcements" DROP CONSTRAINT "FK_e3cc8260f4e5b953f10026e0cc7"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohort_announcements" DROP CONSTRAINT "FK_229d2e4ccbfca372f36ca960193"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohorts" DROP CONSTRAINT "FK_be480729a8dc513fa346cdfcec1"
        `);
        await queryRunner.query(`
            ALTER TABLE "cohorts" DROP CONSTRAINT "FK_55c45ce9492475c06b07250cf66"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "languages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohort_groups_cohort_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cohort_groups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."module_completions_cohort_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "module_completions"
        `);
        await queryRunner.query(`
            DROP TABLE "cohort_modules"
        `);
        await queryRunner.query(`
            DROP TABLE "deadline_extensions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."discussion_posts_thread_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."discussion_posts_author_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "discussion_posts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."discussion_threads_listing_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "discussion_threads"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohort_members_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohort_members_roster_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cohort_members"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohort_announcements_cohort_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cohort_announcements"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohorts_created_by_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."cohorts_course_version_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "cohorts"
        `);
    }

}
