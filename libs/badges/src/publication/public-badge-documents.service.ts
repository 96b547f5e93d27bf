import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { BadgeUrls } from '../badge-urls';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { bakePng, bakeSvg, DEFAULT_BADGE_SIZE, DEFAULT_BADGE_SVG, defaultBadgePng } from '../baking';
import {
  CREDENTIALS_V2_CONTEXT_URL,
  DID_V1_CONTEXT_URL,
  MULTIKEY_V1_CONTEXT_URL,
  OPEN_BADGES_V3_CONTEXT_URL,
} from '../credentials';
import type { IssuerKey } from '../issuers/issuer-key.entity';
import { renderAchievementPage, renderCredentialPage, renderIssuerPage, type CredentialPage } from './badge-pages';
import { PublicBadgesRepository } from './public-badges.repository';

/** A public document: JSON-LD for machines, and (for some) a page for people, rendered only when asked for. */
export interface PublicDocument {
  jsonLd: Record<string, unknown>;
  html?: () => string;
}

export interface PublicImage {
  contentType: 'image/png' | 'image/svg+xml';
  bytes: Buffer;
}

export interface BakedBadge extends PublicImage {
  /** ASCII, safe in a Content-Disposition header: the badge's name as a slug, with the extension. */
  fileName: string;
}

const PNG_SIGNATURE_LENGTH = 8;

/**
 * Everything a verifier dereferences under PUBLIC_URL (issue 14): the issuer's Profile (also the controller
 * document of its keys), each key as a Multikey, achievements and their images, the credentials as signed, baked
 * images and status lists. Unknown or malformed ids are not found.
 */
@Injectable()
export class PublicBadgeDocuments {
  constructor(
    private readonly clock: Clock,
    private readonly urls: BadgeUrls,
    private readonly published: PublicBadgesRepository,
  ) {}

  /**
   * The OB 3.0 Profile and, in the same document, the DID-style controller document of the issuer's keys: a
   * verifier dereferencing the issuer finds which keys may assert for it. Retired keys stay listed, so credentials
   * signed before a rotation still verify. DID v1 and Multikey v1 are the contexts verifiers already bundle.
   */
  async issuer(issuerId: string): Promise<PublicDocument> {
    const issuer = await this.published.findIssuer(issuerId);
    if (!issuer) throw new BadgeError(BadgeErrorCode.IssuerNotFound);
    const keys = await this.published.findKeys(issuer.id);
    const id = this.urls.issuer(issuer.id);
    const methods = keys.map((key) => this.multikey(key));
    return {
      jsonLd: {
        '@context': [
          CREDENTIALS_V2_CONTEXT_URL,
          OPEN_BADGES_V3_CONTEXT_URL,
          DID_V1_CONTEXT_URL,
          MULTIKEY_V1_CONTEXT_URL,
        ],
        id,
        type: ['Profile'],
        name: issuer.name,
        url: issuer.url,
        ...(issuer.description ? { description: issuer.description } : {}),
        ...(issuer.email ? { email: issuer.email } : {}),
        verificationMethod: methods,
        assertionMethod: methods.map((method) => method.id),
      },
      html: () =>
        renderIssuerPage({
          name: issuer.name,
          description: issuer.description,
          url: issuer.url,
          email: issuer.email,
          profileUrl: id,
          keyCount: keys.length,
        }),
    };
  }

  /** One key alone, carrying the Multikey context itself (the cryptosuite refuses a method without it). */
  async key(issuerId: string, keyId: string): Promise<PublicDocument> {
    const key = await this.published.findKey(issuerId, keyId);
    if (!key) throw new BadgeError(BadgeErrorCode.KeyNotFound);
    return { jsonLd: { '@context': MULTIKEY_V1_CONTEXT_URL, ...this.multikey(key) } };
  }

  async achievement(achievementId: string): Promise<PublicDocument> {
    const achievement = await this.published.findAchievement(achievementId);
    if (!achievement) throw new BadgeError(BadgeErrorCode.AchievementNotFound);
    const issuer = await this.published.findIssuer(achievement.issuerId);
    const issuerUrl = this.urls.issuer(achievement.issuerId);
    const imageUrl = this.urls.achievementImage(achievement.id);
    return {
      jsonLd: {
        '@context': [CREDENTIALS_V2_CONTEXT_URL, OPEN_BADGES_V3_CONTEXT_URL],
        id: this.urls.achievement(achievement.id),
        type: ['Achievement'],
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteriaNarrative },
        image: { id: imageUrl, type: 'Image' },
        ...(achievement.tags.length > 0 ? { tag: achievement.tags } : {}),
        creator: { id: issuerUrl, type: ['Profile'], name: issuer?.name ?? '' },
      },
      html: () =>
        renderAchievementPage({
          name: achievement.name,
          description: achievement.description,
          criteria: achievement.criteriaNarrative,
          tags: achievement.tags,
          imageUrl,
          issuerName: issuer?.name ?? '',
          issuerUrl,
          validityDays: achievement.validityDays,
        }),
    };
  }

  /** The achievement's own image, else the default badge. */
  async achievementImage(achievementId: string): Promise<PublicImage> {
    const image = await this.published.findAchievementImage(achievementId);
    if (!image) throw new BadgeError(BadgeErrorCode.AchievementNotFound);
    if (image.type && image.bytes) return { contentType: image.type, bytes: image.bytes };
    return { contentType: 'image/png', bytes: defaultBadgePng() };
  }

  /** The signed credential as stored (its proof covers the canonical form, so key order does not matter). */
  async credential(awardId: string): Promise<PublicDocument> {
    const award = await this.published.findAward(awardId);
    if (!award) throw new BadgeError(BadgeErrorCode.AwardNotFound);
    const now = this.clock.now().getTime();
    const state: CredentialPage['state'] = award.revokedAt
      ? 'revoked'
      : award.validUntil && now > award.validUntil.getTime()
        ? 'expired'
        : now < award.validFrom.getTime()
          ? 'not-yet-valid'
          : 'valid';
    return {
      jsonLd: award.credential,
      html: () =>
        renderCredentialPage({
          achievementName: award.achievementName,
          achievementDescription: award.achievementDescription,
          achievementUrl: this.urls.achievement(award.achievementId),
          imageUrl: this.urls.achievementImage(award.achievementId),
          issuerName: award.issuerName,
          issuerUrl: this.urls.issuer(award.issuerId),
          validFrom: award.validFrom.toISOString(),
          validUntil: award.validUntil?.toISOString() ?? null,
          state,
          // The issuer's reason is public (it says why the badge no longer counts); who holds it is not.
          revocationReason: award.revokedAt ? award.revocationReason : null,
          credentialUrl: this.urls.credential(award.id),
          pngUrl: this.urls.bakedImage(award.id, 'png'),
          svgUrl: this.urls.bakedImage(award.id, 'svg'),
          verifyUrl: this.urls.issuer('').replace(/\/issuers\/$/, '/verify'),
          verifyPageUrl: this.urls.verifyPage(),
        }),
    };
  }

  /**
   * The badge image with the credential baked in. A PNG is baked into the achievement's PNG (the default one when
   * it has an SVG: nothing here rasterizes); an SVG into its SVG, or around its PNG as an embedded image.
   */
  async bakedImage(awardId: string, format: 'png' | 'svg'): Promise<BakedBadge> {
    const award = await this.published.findAward(awardId);
    if (!award) throw new BadgeError(BadgeErrorCode.AwardNotFound);
    const image = await this.published.findAchievementImage(award.achievementId);
    const credentialJson = JSON.stringify(award.credential);
    const fileName = `${slug(award.achievementName)}.${format}`;
    const own = image?.type && image.bytes ? { type: image.type, bytes: image.bytes } : null;
    if (format === 'png') {
      const png = own?.type === 'image/png' ? own.bytes : defaultBadgePng();
      return { contentType: 'image/png', bytes: bakePng(png, credentialJson), fileName };
    }
    const svg =
      own?.type === 'image/svg+xml'
        ? own.bytes.toString('utf8')
        : own?.type === 'image/png'
          ? svgAroundPng(own.bytes)
          : DEFAULT_BADGE_SVG;
    return { contentType: 'image/svg+xml', bytes: Buffer.from(bakeSvg(svg, credentialJson), 'utf8'), fileName };
  }

  async statusList(statusListId: string): Promise<PublicDocument> {
    const list = await this.published.findStatusList(statusListId);
    if (!list) throw new BadgeError(BadgeErrorCode.StatusListNotFound);
    return { jsonLd: list.credential };
  }

  private multikey(key: IssuerKey): { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string } {
    return {
      id: this.urls.key(key.issuerId, key.id),
      type: 'Multikey',
      controller: this.urls.issuer(key.issuerId),
      publicKeyMultibase: key.publicKeyMultibase,
    };
  }
}

/** `Steady Reviewer!` → `steady-reviewer`; `badge` when nothing ASCII is left. */
function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return ascii || 'badge';
}

/** An SVG showing a PNG at its own size (read from IHDR), so a PNG-only badge can still be baked as SVG. */
function svgAroundPng(png: Buffer): string {
  const ihdr = PNG_SIGNATURE_LENGTH + 8;
  const width = png.length >= ihdr + 8 ? png.readUInt32BE(ihdr) : DEFAULT_BADGE_SIZE;
  const height = png.length >= ihdr + 8 ? png.readUInt32BE(ihdr + 4) : DEFAULT_BADGE_SIZE;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<image href="data:image/png;base64,${png.toString('base64')}" width="${width}" height="${height}"/></svg>`
  );
}
