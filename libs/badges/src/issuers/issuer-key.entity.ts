import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BadgeIssuer } from './badge-issuer.entity';

/**
 * One Ed25519 key pair of an issuer. The private key is stored only encrypted (AES-256-GCM under
 * BADGE_KEY_ENCRYPTION_KEY); the public key is published as a Multikey for as long as the issuer exists, retired or
 * not, so that credentials signed before a rotation still verify. One key per issuer signs at a time.
 */
@Entity('badge_issuer_keys')
@Index('badge_issuer_keys_one_active', ['issuerId'], { unique: true, where: '"retired_at" IS NULL' })
export class IssuerKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'issuer_id' })
  issuerId!: string;

  @ManyToOne(() => BadgeIssuer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issuer_id' })
  issuer?: BadgeIssuer;

  /** The Ed25519 public key as a Multikey `publicKeyMultibase` (base58btc, multicodec ed25519-pub). */
  @Column({ type: 'character varying', length: 100, name: 'public_key_multibase' })
  publicKeyMultibase!: string;

  /** nonce ‖ GCM tag ‖ ciphertext of the PKCS#8 DER private key. */
  @Column({ type: 'bytea', name: 'private_key_ciphertext', select: false })
  privateKeyCiphertext!: Buffer;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true })
  retiredAt!: Date | null;
}
