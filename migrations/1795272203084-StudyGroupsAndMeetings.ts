import { MigrationInterface, QueryRunner } from "typeorm";

export class StudyGroupsAndMeetings1795272203084 implements MigrationInterface {
    name = 'StudyGroupsAndMeetings1795272203084'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "study_groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "description" character varying(5000) NOT NULL DEFAULT '',
                "course_version_id" uuid,
                "topic" character varying(120),
                "language" character varying(35) NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "mode" character varying(16) NOT NULL,
                "meeting_link" character varying(500),
                "venue" character varying(200),
                "city" character varying(100),
                "country" character(2),
                "latitude" double precision,
                "longitude" double precision,
                "capacity" integer NOT NULL,
                "member_count" integer NOT NULL DEFAULT '0',
                "signup_open" boolean NOT NULL DEFAULT true,
                "visibility" character varying(16) NOT NULL DEFAULT 'public',
                "invite_code" character varying(64),
                "signup_questions" jsonb NOT NULL DEFAULT '[]',
                "created_by" uuid NOT NULL,
                "first_meeting_at" TIMESTAMP WITH TIME ZONE,
                "meeting_slots" int4multirange NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_77e7426427ce8be64e2ae0f8410" UNIQUE ("invite_code"),
                CONSTRAINT "study_groups_invite_check" CHECK (
                    visibility = 'public'
                    OR invite_code IS NOT NULL
                ),
                CONSTRAINT "study_groups_place_check" CHECK (
                    (latitude IS NULL) = (longitude IS NULL)
                    AND (
                        latitude IS NULL
                        OR (
                            latitude BETWEEN -90 AND 90
                            AND longitude BETWEEN -180 AND 180
                        )
                    )
                ),
                CONSTRAINT "study_groups_member_count_check" CHECK (
                    member_count >= 0
                    AND member_count <= capacity
                ),
                CONSTRAINT "study_groups_capacity_check" CHECK (
                    capacity BETWEEN 1 AND 500
                ),
                CONSTRAINT "study_groups_visibility_check" CHECK (visibility IN ('public', 'private')),
                CONSTRAINT "study_groups_mode_check" CHECK (mode IN ('online', 'in-person')),
                CONSTRAINT "study_groups_subject_check" CHECK (
                    course_version_id IS NOT NULL
                    OR topic IS NOT NULL
                ),
                CONSTRAINT "PK_d3c236286b727d74553c7a88dc3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_course_version_idx" ON "study_groups" ("course_version_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_language_idx" ON "study_groups" ("language")
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_created_by_idx" ON "study_groups" ("created_by")
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_feeds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_type" character varying(8) NOT NULL,
                "owner_id" uuid NOT NULL,
                "created_by" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_df53b5f17d35a6bac0fb13e16ad" UNIQUE ("token_hash"),
                CONSTRAINT "calendar_feeds_owner_check" CHECK (owner_type IN ('group', 'user')),
                CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "calendar_feeds_owner_idx" ON "calendar_feeds" ("owner_type", "owner_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "local_date" date NOT NULL,
                "local_time" TIME NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "duration_minutes" smallint NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'scheduled',
                "from_schedule" boolean NOT NULL DEFAULT false,
                "sequence" integer NOT NULL DEFAULT '0',
                "title" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meetings_sequence_check" CHECK (sequence >= 0),
                CONSTRAINT "meetings_duration_check" CHECK (
                    duration_minutes BETWEEN 5 AND 720
                ),
                CONSTRAINT "meetings_status_check" CHECK (status IN ('scheduled', 'cancelled')),
                CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_start_idx" ON "meetings" ("starts_at")
            WHERE status = 'scheduled'
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_group_start_idx" ON "meetings" ("group_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_attendance" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "attended" boolean NOT NULL,
                "recorded_by" uuid NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c5c4ef2540bd766389d942db746" PRIMARY KEY ("meeting_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_attendance_user_idx" ON "meeting_attendance" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_rsvps" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "answer" character varying(8) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_rsvps_answer_check" CHECK (answer IN ('yes', 'no', 'maybe')),
                CONSTRAINT "PK_ffd8c1349bd4dd6d8f73e4ec058" PRIMARY KEY ("meeting_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_rsvps_user_idx" ON "meeting_rsvps" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_schedules" (
                "group_id" uuid NOT NULL,
                "weekday" smallint NOT NULL,
                "local_start_time" TIME NOT NULL,
                "duration_minutes" smallint NOT NULL,
                "start_date" date NOT NULL,
                "occurrences" smallint,
                "until_date" date,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_schedules_end_check" CHECK ((occurrences IS NULL) <> (until_date IS NULL)),
                CONSTRAINT "meeting_schedules_duration_check" CHECK (
                    duration_minutes BETWEEN 5 AND 720
                ),
                CONSTRAINT "meeting_schedules_weekday_check" CHECK (
                    weekday BETWEEN 1 AND 7
                ),
                CONSTRAINT "PK_10452fed6cb43e37f30506aabeb" PRIMARY KEY ("group_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "group_members" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL,
                "signup_answers" jsonb NOT NULL DEFAULT '{}',
                "waitlisted_at" TIMESTAMP WITH TIME ZONE,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "group_members_waitlist_check" CHECK (
                    (status = 'waitlisted') = (waitlisted_at IS NOT NULL)
                ),
                CONSTRAINT "group_members_status_check" CHECK (status IN ('active', 'waitlisted')),
                CONSTRAINT "group_members_role_check" CHECK (
                    role IN ('facilitator', 'co-facilitator', 'member')
                ),
                CONSTRAINT "PK_f5939ee0ad233ad35e03f5c65c1" PRIMARY KEY ("group_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "group_members_waitlist_idx" ON "group_members" ("group_id", "waitlisted_at")
            WHERE status = 'waitlisted'
        `);
        await queryRunner.query(`
            CREATE INDEX "group_members_user_idx" ON "group_members" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups"
            ADD CONSTRAINT "FK_b0833aedcce6d59bf06ee29eacb" FOREIGN KEY ("course_version_id") REFERENCES "course_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups"
            ADD CONSTRAINT "FK_723df86edbb37f1a802178a604b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "FK_b8d9171573c66a49ad9f6486052" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendance"
            ADD CONSTRAINT "FK_2bf53a2dc49796d33484ed1fe5c" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendance"
            ADD CONSTRAINT "FK_58f3823e0aed0b1076074be7267" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_rsvps"
            ADD CONSTRAINT "FK_977d64892fd3fb7c59de27a209d" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_rsvps"
            ADD CONSTRAINT "FK_3a55be1edf18e6c8129350004f3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_schedules"
            ADD CONSTRAINT "FK_10452fed6cb43e37f30506aabeb" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "group_members"
            ADD CONSTRAINT "FK_2c840df5db52dc6b4a1b0b69c6e" FOREIGN KEY ("group_id") REFERENCES "study_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "group_members"
            ADD CONSTRAINT "FK_20a555b299f75843aa53ff8b0ee" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "group_members" DROP CONSTRAINT "FK_20a555b299f75843aa53ff8b0ee"
        `);
        await queryRunner.query(`
            ALTER TABLE "group_members" DROP CONSTRAINT "FK_2c840df5db52dc6b4a1b0b69c6e"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_schedules" DROP CONSTRAINT "FK_10452fed6cb43e37f30506aabeb"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_rsvps" DROP CONSTRAINT "FK_3a55be1edf18e6c8129350004f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_rsvps" DROP CONSTRAINT "FK_977d64892fd3fb7c59de27a209d"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_58f3823e0aed0b1076074be7267"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendance" DROP CONSTRAINT "FK_2bf53a2dc49796d33484ed1fe5c"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "FK_b8d9171573c66a49ad9f6486052"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups" DROP CONSTRAINT "FK_723df86edbb37f1a802178a604b"
        `);
        await queryRunner.query(`
            ALTER TABLE "study_groups" DROP CONSTRAINT "FK_b0833aedcce6d59bf06ee29eacb"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."group_members_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."group_members_waitlist_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "group_members"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_schedules"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_rsvps_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_rsvps"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_attendance_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_attendance"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_group_start_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_start_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "meetings"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."calendar_feeds_owner_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feeds"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_created_by_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_language_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_course_version_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "study_groups"
        `);
    }

}
