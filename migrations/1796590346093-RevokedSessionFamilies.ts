import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * refresh_tokens_revoked_family_idx: the revoked tokens of each session family. Every authenticated request asks
 * whether its family has one; for a live session the answer is one probe of this small index that finds nothing.
 */
export class RevokedSessionFamilies1796590346093 implements MigrationInterface {
    name = 'RevokedSessionFamilies1796590346093'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "refresh_tokens_revoked_family_idx" ON "refresh_tokens"  ("family_id") WHERE revoked_at IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."refresh_tokens_revoked_family_idx"`);
    }

}
