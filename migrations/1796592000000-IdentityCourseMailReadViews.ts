import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The identity, courses and mail libraries' read views: what libraries above them read of people, notification
 * preferences, published course versions and the email ledger, instead of their tables. Plain projections, which
 * PostgreSQL inlines (and locks through: `FOR UPDATE` on a view locks the rows under it). Listed in each owner's
 * `*_READ_VIEWS` constant.
 */
export class IdentityCourseMailReadViews1796592000000 implements MigrationInterface {
    name = 'IdentityCourseMailReadViews1796592000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "identity_people" AS
            SELECT id, email, email_verified_at, display_name, bio, time_zone, locale, role, availability, languages,
                   deleted_at, created_at
              FROM users
        `);
        await queryRunner.query(`
            CREATE VIEW "identity_notification_settings" AS SELECT * FROM notification_preferences
        `);
        await queryRunner.query(`
            CREATE VIEW "published_course_versions" AS SELECT * FROM course_versions
        `);
        await queryRunner.query(`
            CREATE VIEW "mail_deliveries" AS SELECT * FROM email_deliveries
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "mail_deliveries"`);
        await queryRunner.query(`DROP VIEW "published_course_versions"`);
        await queryRunner.query(`DROP VIEW "identity_notification_settings"`);
        await queryRunner.query(`DROP VIEW "identity_people"`);
    }
}
