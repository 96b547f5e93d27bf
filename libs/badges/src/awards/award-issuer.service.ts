import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import { BadgeUrls } from '../badge-urls';
import { BadgeEvent } from '../badges.events';
import { emailIdentityObject, generateSalt } from '../credentials';
import { Issuers } from '../issuers/issuers.service';
import { StatusLists } from '../status-list/status-lists.service';
import type { AwardEvidence, AwardSource } from './award.entity';
import { CredentialSigner } from './credential-signer';
import { openBadgeCredential } from './open-badge-credential';

/** One badge to give one person. */
export interface AwardRequest {
  achievementId: string;
  recipientId: string;
  source: AwardSource;
  awardedBy: string | null;
  evidence: AwardEvidence[];
}

export interface AwardOutcome {
  achievementId: string;
  recipientId: string;
  /** The award holding the badge: made now, or the one the person already had. Null: nothing could be issued. */
  awardId: string | null;
  /** `issued`: made now; `held`: they already had it; `no-email`: erased or without an address to hash. */
  outcome: 'issued' | 'held' | 'no-email';
}

interface AchievementRow {
  id: string;
  issuer_id: string;
  name: string;
  description: string;
  criteria_narrative: string;
  tags: string[];
  image_type: string | null;
  validity_days: number | null;
  issuer_name: string;
  issuer_url: string;
  issuer_email: string | null;
  issuer_description: string;
}

const DAY_MS = 24 * 3600_000;

/**
 * Issues badges: for each request not already held, a signed OpenBadgeCredential with a fresh status entry, stored
 * with its award and announced by a `badge.awarded` event, all in the caller's transaction. Once per person and
 * achievement whatever the races: the unique key decides, and a request that loses it reads as `held`.
 */
@Injectable()
export class AwardIssuer {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly urls: BadgeUrls,
    private readonly issuers: Issuers,
    private readonly statusLists: StatusLists,
    private readonly signer: CredentialSigner,
  ) {}

  async issue(manager: EntityManager, requests: readonly AwardRequest[]): Promise<AwardOutcome[]> {
    const unique = [...new Map(requests.map((r) => [`${r.achievementId}:${r.recipientId}`, r])).values()];
    if (unique.length === 0) return [];
    const held = await this.heldAwards(manager, unique);
    const wanted = unique.filter((r) => !held.has(`${r.achievementId}:${r.recipientId}`));
    const emails = await this.emailsOf(
      manager,
      wanted.map((r) => r.recipientId),
    );
    const issuable = wanted.filter((r) => emails.has(r.recipientId));
    const achievements = await this.achievements(
      manager,
      issuable.map((r) => r.achievementId),
    );

    const issued = new Map<string, string>();
    const now = this.clock.now();
    for (const [issuerId, batch] of groupBy(issuable, (r) => achievements.get(r.achievementId)!.issuer_id)) {
      const key = await this.issuers.signingKey(manager, issuerId);
      const entries = await this.statusLists.allocate(manager, issuerId, batch.length, key);
      const drafts = batch.map((request, i) => {
        const achievement = achievements.get(request.achievementId)!;
        const awardId = randomUUID();
        const validUntil = achievement.validity_days
          ? new Date(now.getTime() + achievement.validity_days * DAY_MS)
          : null;
        const unsigned = openBadgeCredential(this.urls, {
          awardId,
          issuer: {
            id: issuerId,
            name: achievement.issuer_name,
            url: achievement.issuer_url,
            email: achievement.issuer_email,
            description: achievement.issuer_description,
          },
          achievement: {
            id: achievement.id,
            name: achievement.name,
            description: achievement.description,
            criteriaNarrative: achievement.criteria_narrative,
            tags: achievement.tags,
            imageType: achievement.image_type,
          },
          recipient: emailIdentityObject(emails.get(request.recipientId)!, generateSalt()),
          evidence: request.evidence,
          validFrom: now,
          validUntil,
          status: entries[i]!,
        });
        return { request, awardId, validUntil, entry: entries[i]!, unsigned };
      });
      const signed = await this.signer.signAll(
        drafts.map((d) => d.unsigned),
        key,
        this.urls.key(issuerId, key.keyId),
        now,
      );
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO badge_awards (id, achievement_id, recipient_id, source, awarded_by, evidence, valid_from,
                                   valid_until, status_list_id, status_index, key_id, credential)
         SELECT a.id, a.achievement_id, a.recipient_id, a.source, a.awarded_by, a.evidence, $2, a.valid_until,
                a.status_list_id, a.status_index, $3, a.credential
           FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, achievement_id uuid, recipient_id uuid, source text,
                awarded_by uuid, evidence jsonb, valid_until timestamptz, status_list_id uuid, status_index int,
                credential jsonb)
         ON CONFLICT ON CONSTRAINT badge_awards_once_per_person DO NOTHING
         RETURNING id`,
        [
          JSON.stringify(
            drafts.map((d, i) => ({
              id: d.awardId,
              achievement_id: d.request.achievementId,
              recipient_id: d.request.recipientId,
              source: d.request.source,
              awarded_by: d.request.awardedBy,
              evidence: d.request.evidence,
              valid_until: d.validUntil,
              status_list_id: d.entry.statusListId,
              status_index: d.entry.statusIndex,
              credential: signed[i],
            })),
          ),
          now,
          key.keyId,
        ],
      );
      const made = new Set(inserted.map((r) => r.id));
      for (const draft of drafts.filter((d) => made.has(d.awardId))) {
        issued.set(`${draft.request.achievementId}:${draft.request.recipientId}`, draft.awardId);
        await this.outbox.record(manager, BadgeEvent.Awarded, draft.awardId, {
          awardId: draft.awardId,
          achievementId: draft.request.achievementId,
          recipientId: draft.request.recipientId,
          source: draft.request.source,
        });
      }
    }

    // Requests that lost a race to a concurrent award hold the winner's.
    const late = unique.filter((r) => {
      const k = `${r.achievementId}:${r.recipientId}`;
      return !held.has(k) && !issued.has(k) && emails.has(r.recipientId);
    });
    for (const [k, id] of await this.heldAwards(manager, late)) held.set(k, id);

    return unique.map((r) => {
      const k = `${r.achievementId}:${r.recipientId}`;
      const base = { achievementId: r.achievementId, recipientId: r.recipientId };
      if (issued.has(k)) return { ...base, awardId: issued.get(k)!, outcome: 'issued' as const };
      if (held.has(k)) return { ...base, awardId: held.get(k)!, outcome: 'held' as const };
      return { ...base, awardId: null, outcome: 'no-email' as const };
    });
  }

  private async heldAwards(manager: EntityManager, requests: readonly AwardRequest[]): Promise<Map<string, string>> {
    if (requests.length === 0) return new Map();
    const rows = await manager.query<{ id: string; achievement_id: string; recipient_id: string }[]>(
      `SELECT a.id, a.achievement_id, a.recipient_id
         FROM badge_awards a
         JOIN unnest($1::uuid[], $2::uuid[]) AS r(achievement_id, recipient_id)
           ON r.achievement_id = a.achievement_id AND r.recipient_id = a.recipient_id`,
      [requests.map((r) => r.achievementId), requests.map((r) => r.recipientId)],
    );
    return new Map(rows.map((r) => [`${r.achievement_id}:${r.recipient_id}`, r.id]));
  }

  /** Emails of people not erased; someone erased or without an address cannot be named by a credential. */
  private async emailsOf(manager: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await manager.query<{ id: string; email: string }[]>(
      `SELECT id, email FROM ${IDENTITY_READ_VIEWS.people}
        WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL AND email IS NOT NULL`,
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  private async achievements(manager: EntityManager, ids: string[]): Promise<Map<string, AchievementRow>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<AchievementRow[]>(
      `SELECT a.id, a.issuer_id, a.name, a.description, a.criteria_narrative, a.tags, a.image_type, a.validity_days,
              i.name AS issuer_name, i.url AS issuer_url, i.email AS issuer_email, i.description AS issuer_description
         FROM badge_achievements a JOIN badge_issuers i ON i.id = a.issuer_id
        WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
