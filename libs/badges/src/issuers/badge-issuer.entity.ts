import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who a badge says issued it: an Open Badges 3.0 `Profile`, published at its own URL together with its keys (the
 * profile is also the keys' controller document). The platform's own issuer is the one marked `platform`; others
 * (one per organization) are added by an operator's command.
 */
@Entity('badge_issuers')
@Index('badge_issuers_one_platform', ['platform'], { unique: true, where: '"platform"' })
export class BadgeIssuer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'character varying', length: 200 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The issuer's home page, shown to verifiers. */
  @Column({ type: 'character varying', length: 500 })
  url!: string;

  /** A public contact address for verifiers, if the issuer wants one shown. */
  @Column({ type: 'character varying', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'boolean', default: false })
  platform!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
