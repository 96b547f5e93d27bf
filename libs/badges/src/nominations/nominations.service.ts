import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessDeniedError, Clock, Outbox, type Actor } from '@app/core';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import { BadgeScopes } from '../access/badge-scopes';
import type { AchievementScope } from '../achievements/achievement.entity';
import type { AwardEvidence } from '../awards/award.entity';
import { AwardIssuer } from '../awards/award-issuer.service';
import { lockedAchievement } from '../awards/facilitator-awards.service';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { BadgeEvent } from '../badges.events';
import type { NominationStatus } from './nomination.entity';

export interface NominationView {
  id: string;
  achievementId: string;
  achievementName: string;
  nominee: { id: string; displayName: string };
  nominator: { id: string; displayName: string };
  comment: string;
  status: NominationStatus;
  endorsements: number;
  /** Null: the achievement was closed to nominations after this one was made (a facilitator decides it). */
  endorsementsNeeded: number | null;
  /** The reader endorsed it. */
  endorsedByMe: boolean;
  awardId: string | null;
  declineReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

interface NominationRow {
  id: string;
  achievement_id: string;
  achievement_name: string;
  nominee_id: string;
  nominee_name: string | null;
  nominator_id: string;
  nominator_name: string | null;
  comment: string;
  status: NominationStatus;
  endorsements: number;
  endorsements_needed: number | null;
  endorsed_by_me: boolean;
  award_id: string | null;
  decline_reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/** The nomination a decision is about, locked: concurrent endorsements and approvals decide it one at a time. */
interface LockedNomination {
  id: string;
  achievementId: string;
  nomineeId: string;
  nominatorId: string;
  comment: string;
  status: NominationStatus;
}

const SELECT_NOMINATIONS = `
  SELECT n.id, n.achievement_id, a.name AS achievement_name, n.nominee_id, ne.display_name AS nominee_name,
         n.nominator_id, nr.display_name AS nominator_name, n.comment, n.status,
         (SELECT count(*) FROM badge_endorsements e WHERE e.nomination_id = n.id)::int AS endorsements,
         a.endorsements_needed,
         EXISTS (SELECT 1 FROM badge_endorsements e WHERE e.nomination_id = n.id AND e.endorser_id = $1)
           AS endorsed_by_me,
         n.award_id, n.decline_reason, n.created_at, n.decided_at
    FROM badge_nominations n
    JOIN badge_achievements a ON a.id = n.achievement_id
    LEFT JOIN ${IDENTITY_READ_VIEWS.people} ne ON ne.id = n.nominee_id
    LEFT JOIN ${IDENTITY_READ_VIEWS.people} nr ON nr.id = n.nominator_id`;

/**
 * Peer nomination: a member nominates a peer for an achievement open to it; other members endorse; the endorsement
 * that reaches the achievement's count awards the badge in its own transaction, and a facilitator may approve
 * (award at once) or decline. The nomination row is locked for every decision, so concurrent endorsements award
 * exactly once; the award's evidence is the nomination's and endorsements' comments, and how many endorsed.
 */
@Injectable()
export class NominationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly scopes: BadgeScopes,
    private readonly issuer: AwardIssuer,
  ) {}

  async nominate(actor: Actor, achievementId: string, nomineeId: string, comment: string): Promise<NominationView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const achievement = await lockedAchievement(manager, achievementId);
      if (achievement.archived) throw new BadgeError(BadgeErrorCode.AchievementArchived);
      if (achievement.endorsementsNeeded === null) throw new BadgeError(BadgeErrorCode.NominationsClosed);
      if (nomineeId === actor.userId) throw new BadgeError(BadgeErrorCode.SelfNomination, 'nomineeId');
      const members = await this.scopes.membersAmong(achievement, [actor.userId, nomineeId], manager);
      if (!members.has(actor.userId)) throw notAPeer();
      if (!members.has(nomineeId)) throw new BadgeError(BadgeErrorCode.RecipientNotMember, 'nomineeId');
      const [held] = await manager.query<unknown[]>(
        `SELECT 1 FROM badge_awards WHERE achievement_id = $1 AND recipient_id = $2`,
        [achievementId, nomineeId],
      );
      if (held) throw new BadgeError(BadgeErrorCode.AlreadyAwarded, 'nomineeId');
      const [made] = await manager.query<{ id: string }[]>(
        `INSERT INTO badge_nominations (achievement_id, nominee_id, nominator_id, comment)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (achievement_id, nominee_id) WHERE status = 'open' DO NOTHING
         RETURNING id`,
        [achievementId, nomineeId, actor.userId, comment.trim()],
      );
      if (!made) throw new BadgeError(BadgeErrorCode.AlreadyNominated, 'nomineeId');
      await this.outbox.record(manager, BadgeEvent.Nominated, made.id, {
        nominationId: made.id,
        achievementId,
        nomineeId,
        nominatorId: actor.userId,
      });
      return made.id;
    });
    return this.get(actor, id);
  }

  async endorse(actor: Actor, nominationId: string, comment: string): Promise<NominationView> {
    await this.dataSource.transaction(async (manager) => {
      const nomination = await this.lockOpen(manager, nominationId);
      if (actor.userId === nomination.nomineeId || actor.userId === nomination.nominatorId) {
        throw new BadgeError(BadgeErrorCode.SelfNomination);
      }
      const achievement = await lockedAchievement(manager, nomination.achievementId);
      if (achievement.archived) throw new BadgeError(BadgeErrorCode.AchievementArchived);
      if (!(await this.scopes.membersAmong(achievement, [actor.userId], manager)).has(actor.userId)) throw notAPeer();
      const added = await manager.query<unknown[]>(
        `INSERT INTO badge_endorsements (nomination_id, endorser_id, comment) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING endorser_id`,
        [nominationId, actor.userId, comment.trim()],
      );
      if (added.length === 0) throw new BadgeError(BadgeErrorCode.AlreadyEndorsed);
      const endorsements = await this.endorsementsOf(manager, nominationId);
      if (achievement.endorsementsNeeded !== null && endorsements.length >= achievement.endorsementsNeeded) {
        await this.award(manager, nomination, endorsements, null);
      }
    });
    return this.get(actor, nominationId);
  }

  /** A manager's approval (checked by the route's policy): the badge is awarded at once. */
  async approve(actor: Actor, nominationId: string): Promise<NominationView> {
    await this.dataSource.transaction(async (manager) => {
      const nomination = await this.lockOpen(manager, nominationId);
      const achievement = await lockedAchievement(manager, nomination.achievementId);
      if (achievement.archived) throw new BadgeError(BadgeErrorCode.AchievementArchived);
      const endorsements = await this.endorsementsOf(manager, nominationId);
      await this.award(manager, nomination, endorsements, actor.userId);
    });
    return this.get(actor, nominationId);
  }

  async decline(actor: Actor, nominationId: string, reason: string): Promise<NominationView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockOpen(manager, nominationId);
      await manager.query(
        `UPDATE badge_nominations SET status = 'declined', decided_by = $2, decided_at = $3, decline_reason = $4
          WHERE id = $1`,
        [nominationId, actor.userId, this.clock.now(), reason.trim()],
      );
    });
    return this.get(actor, nominationId);
  }

  async get(actor: Actor, nominationId: string): Promise<NominationView> {
    const [row] = await this.dataSource.query<NominationRow[]>(`${SELECT_NOMINATIONS} WHERE n.id = $2`, [
      actor.userId,
      nominationId,
    ]);
    if (!row) throw new BadgeError(BadgeErrorCode.NominationNotFound);
    return view(row);
  }

  /** Nominations in a scope (or of one achievement), open ones by default, oldest first: the managers' queue. */
  async list(
    actor: Actor,
    filter: {
      scope?: { type: AchievementScope; id: string | null };
      achievementId?: string;
      status?: NominationStatus;
    },
  ): Promise<NominationView[]> {
    const rows = await this.dataSource.query<NominationRow[]>(
      `${SELECT_NOMINATIONS}
        WHERE n.status = $2
          AND ($3::uuid IS NULL OR n.achievement_id = $3)
          AND ($4::text IS NULL OR (a.scope_type = $4 AND a.scope_id IS NOT DISTINCT FROM $5::uuid))
        ORDER BY n.created_at, n.id
        LIMIT 500`,
      [
        actor.userId,
        filter.status ?? 'open',
        filter.achievementId ?? null,
        filter.scope?.type ?? null,
        filter.scope?.id ?? null,
      ],
    );
    return rows.map(view);
  }

  private async lockOpen(manager: EntityManager, nominationId: string): Promise<LockedNomination> {
    const [row] = await manager.query<
      {
        id: string;
        achievement_id: string;
        nominee_id: string;
        nominator_id: string;
        comment: string;
        status: NominationStatus;
      }[]
    >(
      `SELECT id, achievement_id, nominee_id, nominator_id, comment, status
         FROM badge_nominations WHERE id = $1 FOR UPDATE`,
      [nominationId],
    );
    if (!row) throw new BadgeError(BadgeErrorCode.NominationNotFound);
    if (row.status !== 'open') throw new BadgeError(BadgeErrorCode.NominationDecided);
    return {
      id: row.id,
      achievementId: row.achievement_id,
      nomineeId: row.nominee_id,
      nominatorId: row.nominator_id,
      comment: row.comment,
      status: row.status,
    };
  }

  private async endorsementsOf(manager: EntityManager, nominationId: string): Promise<{ comment: string }[]> {
    return manager.query<{ comment: string }[]>(
      `SELECT comment FROM badge_endorsements WHERE nomination_id = $1 ORDER BY created_at, endorser_id`,
      [nominationId],
    );
  }

  /**
   * Issues the badge (or finds the one the nominee already holds, given meanwhile by a rule or a facilitator) and
   * closes the nomination with it, in the caller's transaction.
   */
  private async award(
    manager: EntityManager,
    nomination: LockedNomination,
    endorsements: readonly { comment: string }[],
    approvedBy: string | null,
  ): Promise<void> {
    const [outcome] = await this.issuer.issue(manager, [
      {
        achievementId: nomination.achievementId,
        recipientId: nomination.nomineeId,
        source: 'nomination',
        awardedBy: approvedBy,
        evidence: nominationEvidence(nomination.comment, endorsements, approvedBy !== null),
      },
    ]);
    if (!outcome?.awardId) throw new BadgeError(BadgeErrorCode.RecipientWithoutEmail);
    await manager.query(
      `UPDATE badge_nominations SET status = 'awarded', award_id = $2, decided_by = $3, decided_at = $4 WHERE id = $1`,
      [nomination.id, outcome.awardId, approvedBy, this.clock.now()],
    );
  }
}

/**
 * The evidence a nominated badge carries: the comments, and how many peers endorsed; no names (the credential is
 * public, and members' names are theirs to show).
 */
export function nominationEvidence(
  comment: string,
  endorsements: readonly { comment: string }[],
  approved: boolean,
): AwardEvidence[] {
  const count = endorsements.length;
  const summary = `Nominated by a peer, endorsed by ${count} ${count === 1 ? 'peer' : 'peers'}${
    approved ? ', approved by a facilitator' : ''
  }.`;
  return [
    { name: 'Peer nomination', narrative: comment.length > 0 ? `${summary}\n\n${comment}` : summary },
    ...endorsements
      .filter((e) => e.comment.length > 0)
      .map((e) => ({ name: 'Peer endorsement', narrative: e.comment })),
  ];
}

function notAPeer(): AccessDeniedError {
  return new AccessDeniedError('Only members of this badge’s group or cohort nominate and endorse.');
}

function view(r: NominationRow): NominationView {
  return {
    id: r.id,
    achievementId: r.achievement_id,
    achievementName: r.achievement_name,
    nominee: { id: r.nominee_id, displayName: r.nominee_name ?? '' },
    nominator: { id: r.nominator_id, displayName: r.nominator_name ?? '' },
    comment: r.comment,
    status: r.status,
    endorsements: r.endorsements,
    endorsementsNeeded: r.endorsements_needed,
    endorsedByMe: r.endorsed_by_me,
    awardId: r.award_id,
    declineReason: r.decline_reason,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}
