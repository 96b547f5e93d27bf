import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '@app/core';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { BadgeIssuer } from './badge-issuer.entity';
import { IssuerAdmin } from './issuer-admin.entity';
import { IssuerKeys, type SigningKey } from './issuer-keys.service';

export interface NewIssuer {
  name: string;
  url: string;
  description?: string;
  email?: string | null;
}

/**
 * Badge issuers: the platform's own (made with its first key on first use, so a fresh database needs no setup),
 * and others an operator adds by command, with their admins.
 */
@Injectable()
export class Issuers {
  private platformId: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly keys: IssuerKeys,
  ) {}

  /** The platform issuer's id, made (with a key) if it does not exist yet; safe to race. */
  async platformIssuerId(): Promise<string> {
    if (this.platformId) return this.platformId;
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO badge_issuers (name, url, description, platform) VALUES ($1, $2, $3, true)
         ON CONFLICT (platform) WHERE platform DO NOTHING`,
        ['Commonplace', this.config.PUBLIC_URL, 'Peer learning in study groups and cohorts.'],
      );
      const [row] = await manager.query<{ id: string }[]>(`SELECT id FROM badge_issuers WHERE platform FOR UPDATE`);
      await this.ensureKey(manager, row!.id);
      return row!.id;
    });
    this.platformId = id;
    return id;
  }

  /** An operator's new issuer (one per organization), with its first key. */
  async add(input: NewIssuer): Promise<BadgeIssuer> {
    return this.dataSource.transaction(async (manager) => {
      const issuer = manager.create(BadgeIssuer, {
        name: input.name,
        url: input.url,
        description: input.description ?? '',
        email: input.email ?? null,
        platform: false,
      });
      await manager.insert(BadgeIssuer, issuer);
      await this.keys.create(manager, issuer.id);
      return issuer;
    });
  }

  async addAdmin(issuerId: string, userId: string): Promise<void> {
    await this.get(issuerId);
    await this.dataSource.query(
      `INSERT INTO badge_issuer_admins (issuer_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [issuerId, userId],
    );
  }

  async isAdmin(issuerId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await manager.count(IssuerAdmin, { where: { issuerId, userId } })) > 0;
  }

  async get(issuerId: string, manager: EntityManager = this.dataSource.manager): Promise<BadgeIssuer> {
    const issuer = await manager.findOne(BadgeIssuer, { where: { id: issuerId } });
    if (!issuer) throw new BadgeError(BadgeErrorCode.IssuerNotFound);
    return issuer;
  }

  /** The key that signs for the issuer now (made in the caller's transaction if the issuer has none). */
  async signingKey(manager: EntityManager, issuerId: string): Promise<SigningKey> {
    const key = await this.keys.signingKey(manager, issuerId);
    if (key) return key;
    await manager.query(`SELECT 1 FROM badge_issuers WHERE id = $1 FOR UPDATE`, [issuerId]);
    await this.ensureKey(manager, issuerId);
    return (await this.keys.signingKey(manager, issuerId))!;
  }

  private async ensureKey(manager: EntityManager, issuerId: string): Promise<void> {
    const [active] = await manager.query<unknown[]>(
      `SELECT 1 FROM badge_issuer_keys WHERE issuer_id = $1 AND retired_at IS NULL`,
      [issuerId],
    );
    if (!active) await this.keys.create(manager, issuerId);
  }
}
