import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Group discovery (GET /groups/search): indexes over public groups only, since private ones are never searched.
 * Written by hand: TypeORM cannot describe expression, GIN or GiST indexes; StudyGroup marks the ones it can see
 * `synchronize: false`.
 * - study_groups_search_idx: GIN over the full-text document (name, topic, description, and the language as facet
 *   lexemes '~lang=es'). Its expression must stay identical to SEARCH_DOCUMENT in
 *   libs/groups/src/discovery/group-search.query.ts (test/groups/discovery-plans.e2e-spec.ts checks the plan).
 * - study_groups_meeting_slots_idx: GiST for "fits my day" (`meeting_slots <@ $windows`).
 * - study_groups_place_idx: GiST over ll_to_earth(latitude, longitude) for "within r km" (earthdistance).
 * - study_groups_discovery_start_idx: the keyset order of searches without text (first meeting, then id).
 * - study_groups_topic_idx: lower(topic), for the topic filter.
 */
export class GroupDiscoveryIndexes1795272667449 implements MigrationInterface {
    name = 'GroupDiscoveryIndexes1795272667449'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE EXTENSION IF NOT EXISTS cube
        `);
        await queryRunner.query(`
            CREATE EXTENSION IF NOT EXISTS earthdistance
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_search_idx" ON "study_groups" USING gin ((setweight(to_tsvector('simple'::regconfig, name::text), 'A') || setweight(to_tsvector('simple'::regconfig, COALESCE(topic, '')::text), 'B') || setweight(to_tsvector('simple'::regconfig, description::text), 'C') || array_to_tsvector(ARRAY['~lang=' || lower(split_part(language::text, '-', 1)), '~lang=' || lower(language::text)])))
            WHERE visibility = 'public'
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_meeting_slots_idx" ON "study_groups" USING gist ("meeting_slots")
            WHERE visibility = 'public' AND NOT isempty(meeting_slots)
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_place_idx" ON "study_groups" USING gist (ll_to_earth(latitude, longitude))
            WHERE visibility = 'public' AND latitude IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_discovery_start_idx" ON "study_groups" (COALESCE(first_meeting_at, 'infinity'::timestamptz), "id")
            WHERE visibility = 'public'
        `);
        await queryRunner.query(`
            CREATE INDEX "study_groups_topic_idx" ON "study_groups" (lower(topic))
            WHERE visibility = 'public'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_topic_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_discovery_start_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_place_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_meeting_slots_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."study_groups_search_idx"
        `);
        await queryRunner.query(`
            DROP EXTENSION IF EXISTS earthdistance
        `);
        await queryRunner.query(`
            DROP EXTENSION IF EXISTS cube
        `);
    }

}
