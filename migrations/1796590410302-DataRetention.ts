import { MigrationInterface, QueryRunner } from "typeorm";

export class DataRetention1796590410302 implements MigrationInterface {
    name = 'DataRetention1796590410302'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "email_deliveries" ADD "key_held_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "outbox_events_published_idx" ON "outbox_events"  ("published_at") WHERE published_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "email_deliveries_finished_idx" ON "email_deliveries"  ("updated_at") WHERE status IN ('sent', 'skipped', 'failed')`);
        await queryRunner.query(`CREATE INDEX "scheduled_notifications_finished_idx" ON "scheduled_notifications"  ("due_at") WHERE status IN ('released', 'cancelled')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."scheduled_notifications_finished_idx"`);
        await queryRunner.query(`DROP INDEX "public"."email_deliveries_finished_idx"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_events_published_idx"`);
        await queryRunner.query(`ALTER TABLE "email_deliveries" DROP COLUMN "key_held_until"`);
    }

}
