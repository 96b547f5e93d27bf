// The badges library (issue 14): Open Badges 3.0 credentials, issued on rules, by facilitators and on peer
// nomination, published for verifiers and revocable.
export * from './credentials';
export * from './baking';
export * from './status-list';
export { BadgesModule } from './badges.module';
export { BadgeError, BadgeErrorCode } from './badges.errors';
export { BadgeEvent } from './badges.events';
export { BadgeUrls } from './badge-urls';
export { BadgeIssuer } from './issuers/badge-issuer.entity';
export { IssuerKey } from './issuers/issuer-key.entity';
export { IssuerKeys, type SigningKey } from './issuers/issuer-keys.service';
export { Issuers, type NewIssuer } from './issuers/issuers.service';
export { IssuerAdmin } from './issuers/issuer-admin.entity';
export { Achievement, type AchievementScope } from './achievements/achievement.entity';
export { AWARD_RULE_KINDS, type AwardRule, type AwardRuleKind } from './achievements/award-rule';
export { Award, type AwardEvidence, type AwardSource } from './awards/award.entity';
export { AwardIssuer, type AwardOutcome, type AwardRequest } from './awards/award-issuer.service';
export { AwardRevocation } from './awards/award-revocation.service';
export { Nomination, type NominationStatus } from './nominations/nomination.entity';
export { Endorsement } from './nominations/endorsement.entity';
export { HeldBadges, type HeldBadge, type HeldBadgeState } from './holders/held-badges.service';
export { BadgesPersonalData, ISSUED_CREDENTIALS_NOTE } from './data-rights/badges-personal-data';
export { AwardNotices, type AwardNotice } from './holders/award-notices';
export {
  CredentialVerifier,
  type CredentialVerdict,
  type VerificationOutcome,
  type VerifiedCredentialSummary,
} from './verification/credential-verifier';
export { credentialFromInput, CREDENTIAL_INPUT_FIELD } from './verification/credential-input';
export {
  PublicBadgeDocuments,
  type BakedBadge,
  type PublicDocument,
  type PublicImage,
} from './publication/public-badge-documents.service';
export { BadgeAction, BadgeScopes, type BadgeScope } from './access/badge-scopes';
export { AchievementPolicy, AwardPolicy, NominationPolicy } from './access/badge.policies';
export {
  AchievementsService,
  type AchievementChanges,
  type AchievementInput,
  type ScopeRef,
} from './achievements/achievements.service';
export type { AchievementView } from './achievements/achievement-view';
export { parseAwardRule, RULE_MAX_COUNT } from './achievements/award-rule-input';
export { BADGE_IMAGE_MAX_BYTES, checkBadgeImage, type BadgeImageType } from './achievements/badge-image';
export { FacilitatorAwards, type AwardView } from './awards/facilitator-awards.service';
export { NominationsService, nominationEvidence, type NominationView } from './nominations/nominations.service';
