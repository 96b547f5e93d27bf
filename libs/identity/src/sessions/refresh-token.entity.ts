import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One refresh token of a rotating family. Only its SHA-256 is stored. Presenting a token already used means
 * it was stolen or replayed: the whole family is revoked.
 *
 * A family with any revoked token is revoked: the partial index lets every authenticated request check its
 * session with one probe that, for a live session, finds nothing.
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_revoked_family_idx', ['familyId'], { where: 'revoked_at IS NOT NULL' })
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('refresh_tokens_user_idx')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** All tokens descended from one login share it. */
  @Index('refresh_tokens_family_idx')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'bytea', unique: true })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when exchanged for the next token of the family. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
