import {
  CREDENTIALS_V2_CONTEXT_URL,
  OPEN_BADGES_V3_CONTEXT_URL,
  toXsdDateTime,
  type EmailIdentityObject,
  type UnsignedCredential,
} from '../credentials';
import type { BadgeUrls } from '../badge-urls';
import type { AwardEvidence } from './award.entity';
import type { StatusEntry } from '../status-list/status-lists.service';

/** What an OpenBadgeCredential says, before it is signed. */
export interface CredentialFacts {
  awardId: string;
  issuer: { id: string; name: string; url: string; email: string | null; description: string };
  achievement: {
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    tags: string[];
    imageType: string | null;
  };
  recipient: EmailIdentityObject;
  evidence: AwardEvidence[];
  validFrom: Date;
  validUntil: Date | null;
  status: StatusEntry;
}

/**
 * An Open Badges 3.0 `OpenBadgeCredential` (VC Data Model 2.0) with only the VC 2.0 and OB 3.0.3 contexts, every
 * term defined by them (signing canonizes in safe mode, so a stray term fails loudly), and a
 * `BitstringStatusListEntry` for revocation. The issuer is embedded as a `Profile` and points to its public URL.
 */
export function openBadgeCredential(urls: BadgeUrls, facts: CredentialFacts): UnsignedCredential {
  const { issuer, achievement } = facts;
  const statusListUrl = urls.statusList(facts.status.statusListId);
  return {
    '@context': [CREDENTIALS_V2_CONTEXT_URL, OPEN_BADGES_V3_CONTEXT_URL],
    id: urls.credential(facts.awardId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: {
      id: urls.issuer(issuer.id),
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      ...(issuer.description ? { description: issuer.description } : {}),
      ...(issuer.email ? { email: issuer.email } : {}),
    },
    validFrom: toXsdDateTime(facts.validFrom),
    ...(facts.validUntil ? { validUntil: toXsdDateTime(facts.validUntil) } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [facts.recipient],
      achievement: {
        id: urls.achievement(achievement.id),
        type: ['Achievement'],
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteriaNarrative },
        image: { id: urls.achievementImage(achievement.id), type: 'Image' },
        ...(achievement.tags.length > 0 ? { tag: achievement.tags } : {}),
      },
    },
    ...(facts.evidence.length > 0
      ? {
          evidence: facts.evidence.map((e) => ({
            ...(e.url ? { id: e.url } : {}),
            type: ['Evidence'],
            ...(e.name ? { name: e.name } : {}),
            ...(e.narrative ? { narrative: e.narrative } : {}),
          })),
        }
      : {}),
    credentialStatus: {
      id: `${statusListUrl}#${facts.status.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(facts.status.statusIndex),
      statusListCredential: statusListUrl,
    },
  };
}
