import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * "You earned a badge" by email or digest line: notification_preferences.badge_delivery says how it reaches someone
 * who has badges on (`badges`, the switch one-click unsubscribe turns off): 'immediate' (emailed, the default) or
 * 'digest'. identity_notification_settings is `SELECT *`, whose columns PostgreSQL fixed when it was made: made again.
 */
export class BadgeNotifications1796703000000 implements MigrationInterface {
    name = 'BadgeNotifications1796703000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" ADD "badge_delivery" character varying(16) NOT NULL DEFAULT 'immediate'
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "notification_preferences_badge_delivery_check" CHECK (badge_delivery IN ('immediate', 'digest'))
        `);
        await queryRunner.query(`
            CREATE OR REPLACE VIEW "identity_notification_settings" AS SELECT * FROM notification_preferences
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "identity_notification_settings"`);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_badge_delivery_check"
        `);
        await queryRunner.query(`ALTER TABLE "notification_preferences" DROP COLUMN "badge_delivery"`);
        await queryRunner.query(`
            CREATE VIEW "identity_notification_settings" AS SELECT * FROM notification_preferences
        `);
    }

}
