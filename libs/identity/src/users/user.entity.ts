import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PlatformRole } from '@app/core';

export const SUPPORTED_LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** A window of availability on one weekday, in the user's own local time. */
export interface AvailabilityWindow {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** "HH:MM", local. */
  start: string;
  /** "HH:MM" after start, or "24:00", local. */
  end: string;
}

@Entity('users')
@Check('users_role_check', `role IN ('admin', 'user')`)
@Check('users_locale_check', `locale IN ('en', 'es', 'fr')`)
@Check('users_email_lowercase_check', `email = lower(email)`)
@Check('users_availability_is_array_check', `jsonb_typeof(availability) = 'array'`)
@Check('users_deleted_has_no_email_check', `deleted_at IS NULL OR email IS NULL`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-cased; null once the account is deleted (its other personal data is erased too). */
  @Column({ type: 'varchar', length: 254, nullable: true, unique: true })
  email!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** scrypt$N$r$p$salt$hash; null once deleted. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 80 })
  displayName!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  bio!: string | null;

  /** IANA zone name, e.g. America/La_Paz. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: Locale;

  @Column({ type: 'varchar', length: 16, default: PlatformRole.User })
  role!: PlatformRole;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  availability!: AvailabilityWindow[];

  /** BCP 47 tags of the languages the person can study in, e.g. {es,en}; cohort grouping matches on them. */
  @Column({ type: 'varchar', length: 35, array: true, default: () => `'{}'` })
  languages!: string[];

  /** Bumped on password change and deletion: access tokens carrying an older value stop working. */
  @Column({ type: 'integer', default: 0 })
  sessionVersion!: number;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
