import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BadgeIssuer } from './badge-issuer.entity';

/** People who administer an issuer: they may create its achievements, and award, revoke and approve any of them. */
@Entity('badge_issuer_admins')
export class IssuerAdmin {
  @PrimaryColumn({ type: 'uuid', name: 'issuer_id' })
  issuerId!: string;

  @ManyToOne(() => BadgeIssuer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issuer_id' })
  issuer?: BadgeIssuer;

  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
