import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The groups library's read views: what libraries above it (cohorts, notifications) may read of its tables in
 * their own set queries, without reaching into `group_members`, `study_groups`, `meetings` or
 * `meeting_attendance`. Plain views,
 * which PostgreSQL inlines: a query through them plans as one on the tables. Listed in
 * libs/groups/src/group-read-views.ts.
 */
export class GroupReadViews1796590846743 implements MigrationInterface {
    name = 'GroupReadViews1796590846743'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "group_active_members" AS
            SELECT group_id, user_id, role, joined_at FROM group_members WHERE status = 'active'
        `);
        await queryRunner.query(`
            CREATE VIEW "group_meetings_held" AS
            SELECT id AS meeting_id, group_id, starts_at FROM meetings WHERE status = 'scheduled'
        `);
        await queryRunner.query(`
            CREATE VIEW "group_meeting_attendance" AS
            SELECT meeting_id, user_id, attended FROM meeting_attendance
        `);
        await queryRunner.query(`
            CREATE VIEW "group_meetings" AS
            SELECT id AS meeting_id, group_id, title, starts_at, duration_minutes, status, sequence FROM meetings
        `);
        await queryRunner.query(`
            CREATE VIEW "group_summaries" AS
            SELECT id AS group_id, name, time_zone, reminder_offsets_minutes, meeting_link, venue, city FROM study_groups
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "group_summaries"`);
        await queryRunner.query(`DROP VIEW "group_meetings"`);
        await queryRunner.query(`DROP VIEW "group_meeting_attendance"`);
        await queryRunner.query(`DROP VIEW "group_meetings_held"`);
        await queryRunner.query(`DROP VIEW "group_active_members"`);
    }

}
