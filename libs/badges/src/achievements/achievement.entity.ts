import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BadgeIssuer } from '../issuers/badge-issuer.entity';
import type { AwardRule } from './award-rule';

export type AchievementScope = 'cohort' | 'group' | 'platform';

/**
 * A badge class (an Open Badges 3.0 `Achievement`): what it recognizes and how it is earned. It belongs to a cohort
 * or a study group, whose facilitators manage and award it, or to the platform, managed by its issuer's admins.
 * `rule` awards it automatically on domain events; `endorsementsNeeded` opens it to peer nomination (null: closed).
 */
@Entity('badge_achievements')
@Index('badge_achievements_scope', ['scopeType', 'scopeId'])
@Check('badge_achievements_scope_type', `"scope_type" IN ('cohort', 'group', 'platform')`)
@Check('badge_achievements_scope_id', `("scope_type" = 'platform') = ("scope_id" IS NULL)`)
@Check('badge_achievements_validity', '"validity_days" IS NULL OR "validity_days" > 0')
@Check('badge_achievements_endorsements', '"endorsements_needed" IS NULL OR "endorsements_needed" >= 1')
@Check('badge_achievements_image_type', `"image_type" IS NULL OR "image_type" IN ('image/png', 'image/svg+xml')`)
export class Achievement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'issuer_id' })
  issuerId!: string;

  @ManyToOne(() => BadgeIssuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id' })
  issuer?: BadgeIssuer;

  @Column({ type: 'character varying', length: 16, name: 'scope_type' })
  scopeType!: AchievementScope;

  /** The cohort or the group (no foreign key: they live in libraries below). Null for the platform. */
  @Column({ type: 'uuid', name: 'scope_id', nullable: true })
  scopeId!: string | null;

  @Column({ type: 'character varying', length: 200 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  /** How it is earned, in words (the `criteria.narrative` of the credential). */
  @Column({ type: 'text', name: 'criteria_narrative' })
  criteriaNarrative!: string;

  /** The badge image (PNG or SVG, checked from the bytes); null: the default image. */
  @Column({ type: 'bytea', name: 'image', nullable: true, select: false })
  image!: Buffer | null;

  @Column({ type: 'character varying', length: 32, name: 'image_type', nullable: true })
  imageType!: 'image/png' | 'image/svg+xml' | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Credentials read as expired this many days after they are issued; null: they never expire. */
  @Column({ type: 'integer', name: 'validity_days', nullable: true })
  validityDays!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  rule!: AwardRule | null;

  /** Endorsements that turn a peer nomination into an award; null: peers cannot nominate for it. */
  @Column({ type: 'integer', name: 'endorsements_needed', nullable: true })
  endorsementsNeeded!: number | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  /** Archived: no longer awarded (rules stop, nominations close); issued credentials stay valid. */
  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;
}
