import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notification refinements (generated, then grouped by table):
 * - notification_preferences.announcement_delivery: 'immediate' (emailed at once, the default and what everyone
 *   had) or 'digest' (only in the digest). The on/off switch stays `announcements`, which one-click unsubscribe sets.
 * - outbox_events: a failing event records its attempts, last error and next attempt (back-off), and is quarantined
 *   after a few; the relay's partial index now leaves quarantined events out (created before the old one is dropped).
 * - scheduled_notifications_user_due_idx: one person's schedule in due order, for the operators' CLI.
 */
export class NotificationRefinements1795291646570 implements MigrationInterface {
    name = 'NotificationRefinements1795291646570'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD "announcement_delivery" character varying(16) NOT NULL DEFAULT 'immediate'
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "notification_preferences_announcement_delivery_check" CHECK (announcement_delivery IN ('immediate', 'digest'))
        `);

        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD "attempts" smallint NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD "last_error" character varying(1000)
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD "quarantined_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD CONSTRAINT "outbox_events_attempts_check" CHECK (attempts >= 0)
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD CONSTRAINT "outbox_events_quarantine_check" CHECK (
                    quarantined_at IS NULL
                    OR published_at IS NULL
                )
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_events_relayable_idx" ON "outbox_events" ("id")
            WHERE published_at IS NULL
                AND quarantined_at IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."outbox_events_unpublished_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_events_quarantined_idx" ON "outbox_events" ("id")
            WHERE quarantined_at IS NOT NULL
        `);

        await queryRunner.query(`
            CREATE INDEX "scheduled_notifications_user_due_idx" ON "scheduled_notifications" ("user_id", "due_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."scheduled_notifications_user_due_idx"
        `);

        await queryRunner.query(`
            DROP INDEX "public"."outbox_events_quarantined_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events" ("id")
            WHERE published_at IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."outbox_events_relayable_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_quarantine_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_attempts_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP COLUMN "quarantined_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP COLUMN "next_attempt_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP COLUMN "last_error"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP COLUMN "attempts"
        `);

        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_announcement_delivery_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP COLUMN "announcement_delivery"
        `);
    }

}
