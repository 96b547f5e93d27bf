import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * cohort_members_new_learners_idx: who became an active learner of a cohort in a window, for the digest's
 * new-members section. Without it, each reader of a batch scanned every member of their cohort.
 */
export class DigestSectionIndexes1795302301280 implements MigrationInterface {
    name = 'DigestSectionIndexes1795302301280'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "cohort_members_new_learners_idx" ON "cohort_members" ("cohort_id", "status_changed_at")
            WHERE status = 'active'
                AND role = 'learner'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."cohort_members_new_learners_idx"
        `);
    }

}
