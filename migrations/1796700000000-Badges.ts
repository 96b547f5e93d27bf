import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The badges library's tables (libs/badges): issuers with their encrypted keys and admins, achievements, awards with
 * their signed credentials, revocation status lists and the sequence their entries come from, peer nominations and
 * endorsements. The platform's issuer and its first key are made by the application on first use (the key is
 * encrypted with a key from config). A trigger refuses an endorsement by the nominee or the nominator: a CHECK
 * cannot see the nomination's row.
 */
export class Badges1796700000000 implements MigrationInterface {
    name = 'Badges1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "badge_issuers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "url" character varying(500) NOT NULL, "email" character varying(320), "platform" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c433f44a220844e01628d0f0371" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "badge_issuers_one_platform" ON "badge_issuers"  ("platform") WHERE "platform"`);
        await queryRunner.query(`CREATE TABLE "badge_achievements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "scope_type" character varying(16) NOT NULL, "scope_id" uuid, "name" character varying(200) NOT NULL, "description" text NOT NULL, "criteria_narrative" text NOT NULL, "image" bytea, "image_type" character varying(32), "tags" text array NOT NULL DEFAULT '{}', "validity_days" integer, "rule" jsonb, "endorsements_needed" integer, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "badge_achievements_image_type" CHECK ("image_type" IS NULL OR "image_type" IN ('image/png', 'image/svg+xml')), CONSTRAINT "badge_achievements_endorsements" CHECK ("endorsements_needed" IS NULL OR "endorsements_needed" >= 1), CONSTRAINT "badge_achievements_validity" CHECK ("validity_days" IS NULL OR "validity_days" > 0), CONSTRAINT "badge_achievements_scope_id" CHECK (("scope_type" = 'platform') = ("scope_id" IS NULL)), CONSTRAINT "badge_achievements_scope_type" CHECK ("scope_type" IN ('cohort', 'group', 'platform')), CONSTRAINT "PK_9315b858f1ae73097de51b4e2f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "badge_achievements_scope" ON "badge_achievements"  ("scope_type", "scope_id") `);
        await queryRunner.query(`CREATE TABLE "badge_issuer_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "public_key_multibase" character varying(100) NOT NULL, "private_key_ciphertext" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9e178fbfafd046edc19b289ad77" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "badge_issuer_keys_one_active" ON "badge_issuer_keys"  ("issuer_id") WHERE "retired_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "badge_status_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_id" uuid NOT NULL, "size" integer NOT NULL, "number" integer NOT NULL, "credential" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "badge_status_lists_number" UNIQUE ("issuer_id", "number"), CONSTRAINT "badge_status_lists_size" CHECK ("size" >= 131072 AND "size" % 8 = 0), CONSTRAINT "PK_70fa4fcc110f19c83d9a35f242b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "badge_awards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "recipient_id" uuid, "source" character varying(16) NOT NULL, "awarded_by" uuid, "evidence" jsonb NOT NULL DEFAULT '[]', "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE, "status_list_id" uuid NOT NULL, "status_index" integer NOT NULL, "key_id" uuid NOT NULL, "credential" jsonb NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "revoked_by" uuid, "hidden" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "badge_awards_status_entry" UNIQUE ("status_list_id", "status_index"), CONSTRAINT "badge_awards_once_per_person" UNIQUE ("achievement_id", "recipient_id"), CONSTRAINT "badge_awards_revocation" CHECK (("revoked_at" IS NULL) = ("revocation_reason" IS NULL)), CONSTRAINT "badge_awards_status_index" CHECK ("status_index" >= 0), CONSTRAINT "badge_awards_source" CHECK ("source" IN ('rule', 'facilitator', 'nomination')), CONSTRAINT "PK_5fa679a182a2bd25a7be1ab1e6a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "badge_awards_recipient" ON "badge_awards"  ("recipient_id") `);
        await queryRunner.query(`CREATE TABLE "badge_issuer_admins" ("issuer_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1cfd535e4daf5be155132a5f04" PRIMARY KEY ("issuer_id", "user_id"))`);
        await queryRunner.query(`CREATE TABLE "badge_nominations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "nominee_id" uuid NOT NULL, "nominator_id" uuid NOT NULL, "comment" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "award_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "badge_nominations_status" CHECK ("status" IN ('open', 'awarded', 'declined')), CONSTRAINT "badge_nominations_not_self" CHECK ("nominee_id" <> "nominator_id"), CONSTRAINT "PK_52e291a334acfe52444af4e68ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "badge_nominations_one_open" ON "badge_nominations"  ("achievement_id", "nominee_id") WHERE "status" = 'open'`);
        await queryRunner.query(`CREATE TABLE "badge_endorsements" ("nomination_id" uuid NOT NULL, "endorser_id" uuid NOT NULL, "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_36427cdc214b2df37f6eba2c94a" PRIMARY KEY ("nomination_id", "endorser_id"))`);
        await queryRunner.query(`ALTER TABLE "badge_achievements" ADD CONSTRAINT "FK_6fdfb51bf4cac2419c16a98dea0" FOREIGN KEY ("issuer_id") REFERENCES "badge_issuers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_issuer_keys" ADD CONSTRAINT "FK_7f8f475299c238e1a69a1d356d8" FOREIGN KEY ("issuer_id") REFERENCES "badge_issuers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_status_lists" ADD CONSTRAINT "FK_6f11b36ef45a45c343e3d14904b" FOREIGN KEY ("issuer_id") REFERENCES "badge_issuers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_awards" ADD CONSTRAINT "FK_81ace53e2d8af5162fa20148414" FOREIGN KEY ("achievement_id") REFERENCES "badge_achievements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_awards" ADD CONSTRAINT "FK_8152272c5cf4a31feef28d413d1" FOREIGN KEY ("status_list_id") REFERENCES "badge_status_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_awards" ADD CONSTRAINT "FK_d91c1cca77a7951471cca2009dc" FOREIGN KEY ("key_id") REFERENCES "badge_issuer_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_issuer_admins" ADD CONSTRAINT "FK_460c0ce1560f51692f5486c4f0d" FOREIGN KEY ("issuer_id") REFERENCES "badge_issuers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_nominations" ADD CONSTRAINT "FK_c814af1dae933bce197de30456b" FOREIGN KEY ("achievement_id") REFERENCES "badge_achievements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "badge_endorsements" ADD CONSTRAINT "FK_3aede4fb142d5a027a0c32157c2" FOREIGN KEY ("nomination_id") REFERENCES "badge_nominations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE SEQUENCE badge_status_entries AS bigint MINVALUE 0 START 0`);
        await queryRunner.query(`
            CREATE FUNCTION badge_endorsement_not_by_nominee() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM badge_nominations
                          WHERE id = NEW.nomination_id AND (nominee_id = NEW.endorser_id OR nominator_id = NEW.endorser_id)) THEN
                RAISE EXCEPTION 'a nominee or nominator cannot endorse their own nomination'
                  USING ERRCODE = 'check_violation', CONSTRAINT = 'badge_endorsements_not_own';
              END IF;
              RETURN NEW;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER badge_endorsements_not_own BEFORE INSERT OR UPDATE ON badge_endorsements
               FOR EACH ROW EXECUTE FUNCTION badge_endorsement_not_by_nominee()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER badge_endorsements_not_own ON badge_endorsements`);
        await queryRunner.query(`DROP FUNCTION badge_endorsement_not_by_nominee()`);
        await queryRunner.query(`DROP SEQUENCE badge_status_entries`);
        await queryRunner.query(`ALTER TABLE "badge_endorsements" DROP CONSTRAINT "FK_3aede4fb142d5a027a0c32157c2"`);
        await queryRunner.query(`ALTER TABLE "badge_nominations" DROP CONSTRAINT "FK_c814af1dae933bce197de30456b"`);
        await queryRunner.query(`ALTER TABLE "badge_issuer_admins" DROP CONSTRAINT "FK_460c0ce1560f51692f5486c4f0d"`);
        await queryRunner.query(`ALTER TABLE "badge_awards" DROP CONSTRAINT "FK_d91c1cca77a7951471cca2009dc"`);
        await queryRunner.query(`ALTER TABLE "badge_awards" DROP CONSTRAINT "FK_8152272c5cf4a31feef28d413d1"`);
        await queryRunner.query(`ALTER TABLE "badge_awards" DROP CONSTRAINT "FK_81ace53e2d8af5162fa20148414"`);
        await queryRunner.query(`ALTER TABLE "badge_status_lists" DROP CONSTRAINT "FK_6f11b36ef45a45c343e3d14904b"`);
        await queryRunner.query(`ALTER TABLE "badge_issuer_keys" DROP CONSTRAINT "FK_7f8f475299c238e1a69a1d356d8"`);
        await queryRunner.query(`ALTER TABLE "badge_achievements" DROP CONSTRAINT "FK_6fdfb51bf4cac2419c16a98dea0"`);
        await queryRunner.query(`DROP TABLE "badge_endorsements"`);
        await queryRunner.query(`DROP INDEX "public"."badge_nominations_one_open"`);
        await queryRunner.query(`DROP TABLE "badge_nominations"`);
        await queryRunner.query(`DROP TABLE "badge_issuer_admins"`);
        await queryRunner.query(`DROP INDEX "public"."badge_awards_recipient"`);
        await queryRunner.query(`DROP TABLE "badge_awards"`);
        await queryRunner.query(`DROP TABLE "badge_status_lists"`);
        await queryRunner.query(`DROP INDEX "public"."badge_issuer_keys_one_active"`);
        await queryRunner.query(`DROP TABLE "badge_issuer_keys"`);
        await queryRunner.query(`DROP INDEX "public"."badge_achievements_scope"`);
        await queryRunner.query(`DROP TABLE "badge_achievements"`);
        await queryRunner.query(`DROP INDEX "public"."badge_issuers_one_platform"`);
        await queryRunner.query(`DROP TABLE "badge_issuers"`);
    }

}
