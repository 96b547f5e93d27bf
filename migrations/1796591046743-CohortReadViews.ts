import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The cohorts library's read views: the columns of its tables that the notifications library may read in its
 * digest and reminder queries (same names as the tables', so a query reads the same through them). Plain
 * projections, which PostgreSQL inlines. Listed in libs/cohorts/src/cohort-read-views.ts.
 */
export class CohortReadViews1796591046743 implements MigrationInterface {
    name = 'CohortReadViews1796591046743'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "cohort_enrollments" AS
            SELECT cohort_id, user_id, role, status, status_changed_at FROM cohort_members
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_calendars" AS
            SELECT id, title, start_date, time_zone, deadline_mode FROM cohorts
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_module_deadlines" AS
            SELECT cohort_id, module_id, title, position, release_offset_days, due_offset_days FROM cohort_modules
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_deadline_extensions" AS
            SELECT cohort_id, user_id, module_id, extra_days FROM deadline_extensions
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_module_completions" AS
            SELECT cohort_id, user_id, module_id FROM module_completions
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_threads" AS
            SELECT id, cohort_id, group_id, title, last_activity_at FROM discussion_threads
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_posts" AS
            SELECT id, thread_id, author_id, body, created_at, deleted_at FROM discussion_posts
        `);
        await queryRunner.query(`
            CREATE VIEW "cohort_published_announcements" AS
            SELECT id, cohort_id, author_id, title, body, body_html, published_at FROM cohort_announcements
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "cohort_published_announcements"`);
        await queryRunner.query(`DROP VIEW "cohort_posts"`);
        await queryRunner.query(`DROP VIEW "cohort_threads"`);
        await queryRunner.query(`DROP VIEW "cohort_module_completions"`);
        await queryRunner.query(`DROP VIEW "cohort_deadline_extensions"`);
        await queryRunner.query(`DROP VIEW "cohort_module_deadlines"`);
        await queryRunner.query(`DROP VIEW "cohort_calendars"`);
        await queryRunner.query(`DROP VIEW "cohort_enrollments"`);
    }

}
