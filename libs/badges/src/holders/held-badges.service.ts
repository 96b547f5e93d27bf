import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, ResourceNotFoundError } from '@app/core';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import { BadgeUrls } from '../badge-urls';
import { BadgeError, BadgeErrorCode } from '../badges.errors';

/** valid, expired (past `validUntil`), or revoked (whatever its dates). */
export type HeldBadgeState = 'valid' | 'expired' | 'revoked';

/** One badge as its holder (or a profile's visitor) sees it, with the links to share and download it. */
export interface HeldBadge {
  awardId: string;
  achievementId: string;
  name: string;
  description: string;
  imageUrl: string;
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
  state: HeldBadgeState;
  /** Only told to the holder. */
  revocationReason: string | null;
  hidden: boolean;
  links: { credential: string; json: string; png: string; svg: string };
}

interface HeldRow {
  id: string;
  achievement_id: string;
  name: string;
  description: string;
  issuer_name: string;
  valid_from: Date;
  valid_until: Date | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  hidden: boolean;
}

/**
 * A person's badges: all of theirs for themselves (newest first, revoked and expired ones with their state), and
 * their public ones for others (neither hidden, revoked nor expired). Hiding only takes a badge off the profile:
 * the credential stays public and verifiable at its URL.
 */
@Injectable()
export class HeldBadges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly urls: BadgeUrls,
  ) {}

  async mine(userId: string): Promise<HeldBadge[]> {
    const rows = await this.dataSource.query<HeldRow[]>(`${SELECT_HELD} WHERE a.recipient_id = $1 ${NEWEST_FIRST}`, [
      userId,
    ]);
    return rows.map((row) => this.view(row, true));
  }

  /** Someone's public badges; an unknown or erased person is not found. */
  async publicOf(userId: string): Promise<HeldBadge[]> {
    const [person] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM ${IDENTITY_READ_VIEWS.people} WHERE id = $1 AND deleted_at IS NULL`,
      [userId],
    );
    if (!person) throw new ResourceNotFoundError('user');
    const rows = await this.dataSource.query<HeldRow[]>(
      `${SELECT_HELD}
        WHERE a.recipient_id = $1 AND NOT a.hidden AND a.revoked_at IS NULL
          AND (a.valid_until IS NULL OR a.valid_until > $2)
        ${NEWEST_FIRST}`,
      [userId, this.clock.now()],
    );
    return rows.map((row) => this.view(row, false));
  }

  /** Hides one of the holder's badges from their profile, or shows it again; anyone else's is not found. */
  async setHidden(userId: string, awardId: string, hidden: boolean): Promise<HeldBadge> {
    const [updated] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE badge_awards SET hidden = $3 WHERE id = $1 AND recipient_id = $2 RETURNING id`,
      [awardId, userId, hidden],
    );
    if (updated.length === 0) throw new BadgeError(BadgeErrorCode.AwardNotFound, 'awardId');
    const [row] = await this.dataSource.query<HeldRow[]>(`${SELECT_HELD} WHERE a.id = $1`, [awardId]);
    return this.view(row!, true);
  }

  private view(row: HeldRow, holder: boolean): HeldBadge {
    const now = this.clock.now();
    const state: HeldBadgeState = row.revoked_at
      ? 'revoked'
      : row.valid_until && row.valid_until <= now
        ? 'expired'
        : 'valid';
    const credential = this.urls.credential(row.id);
    return {
      awardId: row.id,
      achievementId: row.achievement_id,
      name: row.name,
      description: row.description,
      imageUrl: this.urls.achievementImage(row.achievement_id),
      issuerName: row.issuer_name,
      issuedAt: row.valid_from,
      validUntil: row.valid_until,
      state,
      revocationReason: holder ? row.revocation_reason : null,
      hidden: row.hidden,
      links: {
        credential,
        // One URL for both: it answers JSON-LD to a client asking for JSON, the HTML page to a browser.
        json: credential,
        png: this.urls.bakedImage(row.id, 'png'),
        svg: this.urls.bakedImage(row.id, 'svg'),
      },
    };
  }
}

const SELECT_HELD = `
  SELECT a.id, a.achievement_id, c.name, c.description, i.name AS issuer_name, a.valid_from, a.valid_until,
         a.revoked_at, a.revocation_reason, a.hidden
    FROM badge_awards a
    JOIN badge_achievements c ON c.id = a.achievement_id
    JOIN badge_issuers i ON i.id = c.issuer_id`;

const NEWEST_FIRST = 'ORDER BY a.valid_from DESC, a.id DESC';
