import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An author's notes on a published version ("what changed"). Read by the courses library from its own table:
 * published_course_versions (`SELECT *`, fixed when it was made) is left as it is, since views of other libraries
 * depend on it and it would have to be dropped with them to be made again.
 */
export class CourseVersionNotes1796817340000 implements MigrationInterface {
    name = 'CourseVersionNotes1796817340000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "course_versions" ADD "notes" text NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            ALTER TABLE "course_versions" ADD CONSTRAINT "course_versions_notes_check" CHECK (char_length(notes) <= 2000)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "course_versions" DROP CONSTRAINT "course_versions_notes_check"
        `);
        await queryRunner.query(`
            ALTER TABLE "course_versions" DROP COLUMN "notes"
        `);
    }
}
