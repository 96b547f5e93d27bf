import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The ledger's claim becomes a HOT update (a new row version on the same page, no index touched). Its two partial
 * indexes named `status` in their predicates, and the finished one was keyed on `updated_at`: every claim
 * (pending to sending) and every outcome therefore wrote a new entry into every index of the table. They now read
 * `finished_at`, which only an outcome that ends the row sets (a CHECK keeps it equal to the status), so a claim
 * changes no indexed column; `fillfactor` leaves each page room for the claimed versions of the rows it holds (a
 * batch claims a page's rows together). The view that exposes every column is made again with the new one.
 */
export class LedgerHotClaims1796900000000 implements MigrationInterface {
    name = 'LedgerHotClaims1796900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" ADD "finished_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            UPDATE "email_deliveries" SET "finished_at" = "updated_at" WHERE status IN ('sent', 'skipped', 'failed')
        `);
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_finished_check"
            CHECK ((finished_at IS NOT NULL) = (status IN ('sent', 'skipped', 'failed')))
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_due_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_due_idx" ON "email_deliveries" ("next_attempt_at") WHERE finished_at IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_finished_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_finished_idx" ON "email_deliveries" ("finished_at") WHERE finished_at IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" SET (fillfactor = 50)
        `);
        await queryRunner.query(`
            CREATE OR REPLACE VIEW "mail_deliveries" AS SELECT * FROM email_deliveries
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP VIEW "mail_deliveries"
        `);
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" RESET (fillfactor)
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_finished_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_finished_idx" ON "email_deliveries" ("updated_at") WHERE status IN ('sent', 'skipped', 'failed')
        `);
        await queryRunner.query(`
            DROP INDEX "public"."email_deliveries_due_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "email_deliveries_due_idx" ON "email_deliveries" ("next_attempt_at") WHERE status IN ('pending', 'sending')
        `);
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" DROP CONSTRAINT "email_deliveries_finished_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "email_deliveries" DROP COLUMN "finished_at"
        `);
        await queryRunner.query(`
            CREATE VIEW "mail_deliveries" AS SELECT * FROM email_deliveries
        `);
    }
}
