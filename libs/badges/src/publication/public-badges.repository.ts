import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Achievement } from '../achievements/achievement.entity';
import { BadgeIssuer } from '../issuers/badge-issuer.entity';
import { IssuerKey } from '../issuers/issuer-key.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path segment can be an id at all: anything else is simply not found (never a database error). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** An award as its public page and baked images show it. */
export interface PublishedAward {
  id: string;
  credential: Record<string, unknown>;
  validFrom: Date;
  validUntil: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  achievementId: string;
  achievementName: string;
  achievementDescription: string;
  issuerId: string;
  issuerName: string;
}

export interface AchievementImage {
  type: 'image/png' | 'image/svg+xml' | null;
  bytes: Buffer | null;
}

/** The reads behind the public documents and the verifier: everything a verifier may see, nothing else. */
@Injectable()
export class PublicBadgesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findIssuer(issuerId: string): Promise<BadgeIssuer | null> {
    if (!isUuid(issuerId)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(BadgeIssuer, { where: { id: issuerId } });
  }

  /** Every key of the issuer, retired ones too (old credentials must keep verifying), oldest first. */
  findKeys(issuerId: string): Promise<IssuerKey[]> {
    if (!isUuid(issuerId)) return Promise.resolve([]);
    return this.dataSource.manager.find(IssuerKey, { where: { issuerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findKey(issuerId: string, keyId: string): Promise<IssuerKey | null> {
    if (!isUuid(issuerId) || !isUuid(keyId)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(IssuerKey, { where: { id: keyId, issuerId } });
  }

  findAchievement(achievementId: string): Promise<Achievement | null> {
    if (!isUuid(achievementId)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(Achievement, { where: { id: achievementId } });
  }

  /** The achievement's own image, or nulls when it has none (the caller serves the default). */
  async findAchievementImage(achievementId: string): Promise<AchievementImage | null> {
    if (!isUuid(achievementId)) return null;
    const [row] = await this.dataSource.query<{ image_type: AchievementImage['type']; image: Buffer | null }[]>(
      `SELECT image_type, image FROM badge_achievements WHERE id = $1`,
      [achievementId],
    );
    return row ? { type: row.image_type, bytes: row.image } : null;
  }

  async findAward(awardId: string): Promise<PublishedAward | null> {
    if (!isUuid(awardId)) return null;
    const [row] = await this.dataSource.query<
      {
        id: string;
        credential: Record<string, unknown>;
        valid_from: Date;
        valid_until: Date | null;
        revoked_at: Date | null;
        revocation_reason: string | null;
        achievement_id: string;
        achievement_name: string;
        achievement_description: string;
        issuer_id: string;
        issuer_name: string;
      }[]
    >(
      `SELECT w.id, w.credential, w.valid_from, w.valid_until, w.revoked_at, w.revocation_reason,
              a.id AS achievement_id, a.name AS achievement_name, a.description AS achievement_description,
              i.id AS issuer_id, i.name AS issuer_name
         FROM badge_awards w
         JOIN badge_achievements a ON a.id = w.achievement_id
         JOIN badge_issuers i ON i.id = a.issuer_id
        WHERE w.id = $1`,
      [awardId],
    );
    if (!row) return null;
    return {
      id: row.id,
      credential: row.credential,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      revokedAt: row.revoked_at,
      revocationReason: row.revocation_reason,
      achievementId: row.achievement_id,
      achievementName: row.achievement_name,
      achievementDescription: row.achievement_description,
      issuerId: row.issuer_id,
      issuerName: row.issuer_name,
    };
  }

  async findStatusList(
    statusListId: string,
  ): Promise<{ issuerId: string; credential: Record<string, unknown> } | null> {
    if (!isUuid(statusListId)) return null;
    const [row] = await this.dataSource.query<{ issuer_id: string; credential: Record<string, unknown> }[]>(
      `SELECT issuer_id, credential FROM badge_status_lists WHERE id = $1`,
      [statusListId],
    );
    return row ? { issuerId: row.issuer_id, credential: row.credential } : null;
  }

  /** Why the credential at this status entry was revoked, as the issuer recorded it (null: no reason on record). */
  async findRevocationReason(statusListId: string, statusIndex: number): Promise<string | null> {
    const [row] = await this.dataSource.query<{ revocation_reason: string | null }[]>(
      `SELECT revocation_reason FROM badge_awards WHERE status_list_id = $1 AND status_index = $2`,
      [statusListId, statusIndex],
    );
    return row?.revocation_reason ?? null;
  }
}
