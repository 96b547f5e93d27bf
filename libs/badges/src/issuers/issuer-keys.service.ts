import { Injectable, Logger } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { generateEd25519KeyPair, toPublicKeyMultibase } from '../credentials';
import { IssuerKey } from './issuer-key.entity';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';

/** The key that signs for an issuer now. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * Issuers' Ed25519 keys: made, rotated and unlocked for signing. Private keys leave the database only encrypted
 * and are decrypted in memory for signing (kept per key id, so a burst of awards decrypts once); they are never
 * logged or served.
 */
@Injectable()
export class IssuerKeys {
  private readonly logger = new Logger(IssuerKeys.name);
  private readonly unlocked = new Map<string, KeyObject>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A new key pair for the issuer, stored encrypted. The caller retires the previous one first. */
  async create(manager: EntityManager, issuerId: string): Promise<IssuerKey> {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const key = manager.create(IssuerKey, {
      issuerId,
      publicKeyMultibase: toPublicKeyMultibase(publicKey),
      privateKeyCiphertext: encryptPrivateKey(privateKey, this.config.BADGE_KEY_ENCRYPTION_KEY),
      retiredAt: null,
    });
    await manager.insert(IssuerKey, key);
    return key;
  }

  /**
   * Retires the issuer's signing key and makes a new one, in one transaction. The retired public key stays
   * published (its credentials still verify); only new credentials are signed with the new key.
   */
  async rotate(issuerId: string): Promise<IssuerKey> {
    const key = await this.dataSource.transaction(async (manager) => {
      // The issuer's row lock orders concurrent rotations (each retires exactly the key it saw).
      await manager.query(`SELECT 1 FROM badge_issuers WHERE id = $1 FOR UPDATE`, [issuerId]);
      await manager.query(`UPDATE badge_issuer_keys SET retired_at = $2 WHERE issuer_id = $1 AND retired_at IS NULL`, [
        issuerId,
        this.clock.now(),
      ]);
      return this.create(manager, issuerId);
    });
    this.logger.log({ issuerId, keyId: key.id }, 'badge issuer key rotated');
    return key;
  }

  /** The issuer's active key, unlocked; null when it has none yet. */
  async signingKey(manager: EntityManager, issuerId: string): Promise<SigningKey | null> {
    const [row] = await manager.query<{ id: string; private_key_ciphertext: Buffer }[]>(
      `SELECT id, private_key_ciphertext FROM badge_issuer_keys WHERE issuer_id = $1 AND retired_at IS NULL`,
      [issuerId],
    );
    if (!row) return null;
    let privateKey = this.unlocked.get(row.id);
    if (!privateKey) {
      privateKey = decryptPrivateKey(row.private_key_ciphertext, this.config.BADGE_KEY_ENCRYPTION_KEY);
      this.unlocked.set(row.id, privateKey);
    }
    return { keyId: row.id, privateKey };
  }

  /** Every key of the issuer, retired ones too (all stay published), oldest first. */
  publicKeys(issuerId: string, manager: EntityManager = this.dataSource.manager): Promise<IssuerKey[]> {
    return manager.find(IssuerKey, { where: { issuerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
