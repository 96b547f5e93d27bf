import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What lets `next` walk submissions in allocation order instead of counting every submission's reviews:
 * - peer_review_submissions.submitted_reviews: its reviews submitted and not removed from scoring, kept by a
 *   trigger on peer_reviews (every path that submits, removes, erases or cascades a review keeps it exact);
 * - an index in allocation order (fewest submitted reviews, earliest due, oldest) per cohort and assignment;
 * - a partial index of the leases still open (not submitted, not removed): at most one per reviewer and
 *   assignment, so `next` counts running leases over a handful of rows.
 */
export class PeerReviewAllocationOrder1796604000000 implements MigrationInterface {
    name = 'PeerReviewAllocationOrder1796604000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "peer_review_submissions" ADD "submitted_reviews" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "peer_review_submissions" ADD CONSTRAINT "peer_review_submissions_submitted_reviews" CHECK ("submitted_reviews" >= 0)`);
        await queryRunner.query(`
            UPDATE peer_review_submissions s
               SET submitted_reviews = c.n
              FROM (SELECT submission_id, count(*)::int AS n FROM peer_reviews
                     WHERE submitted_at IS NOT NULL AND removed_at IS NULL GROUP BY submission_id) c
             WHERE c.submission_id = s.id
        `);
        await queryRunner.query(`
            CREATE FUNCTION peer_reviews_count_submitted() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              was integer := 0;
              is_now integer := 0;
            BEGIN
              IF TG_OP <> 'INSERT' AND OLD.submitted_at IS NOT NULL AND OLD.removed_at IS NULL THEN was := 1; END IF;
              IF TG_OP <> 'DELETE' AND NEW.submitted_at IS NOT NULL AND NEW.removed_at IS NULL THEN is_now := 1; END IF;
              IF TG_OP = 'UPDATE' AND OLD.submission_id <> NEW.submission_id THEN
                RAISE EXCEPTION 'a review never moves to another submission';
              END IF;
              IF is_now <> was THEN
                UPDATE peer_review_submissions SET submitted_reviews = submitted_reviews + is_now - was
                 WHERE id = COALESCE(NEW.submission_id, OLD.submission_id);
              END IF;
              RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER peer_reviews_count_submitted
            AFTER INSERT OR DELETE OR UPDATE OF submitted_at, removed_at, submission_id ON "peer_reviews"
            FOR EACH ROW EXECUTE FUNCTION peer_reviews_count_submitted()
        `);
        await queryRunner.query(`CREATE INDEX "peer_review_submissions_allocation_order" ON "peer_review_submissions"  ("cohort_id", "assignment_id", "submitted_reviews", "due_at", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "peer_reviews_open_leases" ON "peer_reviews"  ("cohort_id", "assignment_id", "lease_expires_at") WHERE "submitted_at" IS NULL AND "removed_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."peer_reviews_open_leases"`);
        await queryRunner.query(`DROP INDEX "public"."peer_review_submissions_allocation_order"`);
        await queryRunner.query(`DROP TRIGGER peer_reviews_count_submitted ON "peer_reviews"`);
        await queryRunner.query(`DROP FUNCTION peer_reviews_count_submitted()`);
        await queryRunner.query(`ALTER TABLE "peer_review_submissions" DROP CONSTRAINT "peer_review_submissions_submitted_reviews"`);
        await queryRunner.query(`ALTER TABLE "peer_review_submissions" DROP COLUMN "submitted_reviews"`);
    }

}
