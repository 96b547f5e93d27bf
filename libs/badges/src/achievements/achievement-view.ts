import type { BadgeUrls } from '../badge-urls';
import type { Achievement, AchievementScope } from './achievement.entity';
import type { AwardRule } from './award-rule';

/** An achievement as its scope's members and managers see it. */
export interface AchievementView {
  id: string;
  issuerId: string;
  scope: { type: AchievementScope; id: string | null };
  name: string;
  description: string;
  criteria: string;
  tags: string[];
  validityDays: number | null;
  rule: AwardRule | null;
  endorsementsNeeded: number | null;
  /** The public Achievement document and its image (the default image until one is uploaded). */
  url: string;
  imageUrl: string;
  createdAt: Date;
  archivedAt: Date | null;
}

export function achievementView(a: Achievement, urls: BadgeUrls): AchievementView {
  return {
    id: a.id,
    issuerId: a.issuerId,
    scope: { type: a.scopeType, id: a.scopeId },
    name: a.name,
    description: a.description,
    criteria: a.criteriaNarrative,
    tags: a.tags,
    validityDays: a.validityDays,
    rule: a.rule,
    endorsementsNeeded: a.endorsementsNeeded,
    url: urls.achievement(a.id),
    imageUrl: urls.achievementImage(a.id),
    createdAt: a.createdAt,
    archivedAt: a.archivedAt,
  };
}
