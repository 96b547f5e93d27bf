import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortsModule } from '@app/cohorts';
import { GroupsModule } from '@app/groups';
import { PeerReviewModule } from '@app/peer-review';
import { AchievementPolicy, AwardPolicy, NominationPolicy } from './access/badge.policies';
import { BadgeScopes } from './access/badge-scopes';
import { AchievementsService } from './achievements/achievements.service';
import { FacilitatorAwards } from './awards/facilitator-awards.service';
import { NominationsService } from './nominations/nominations.service';
import { CohortCompletedRuleHandler } from './rules/cohort-completed.handler';
import { MeetingsAttendedRuleHandler } from './rules/meetings-attended.handler';
import { ReviewsGivenRuleHandler } from './rules/reviews-given.handler';
import { RuleAwards } from './rules/rule-awards';
import { SubmissionScoredRuleHandler } from './rules/submission-scored.handler';
import { Achievement } from './achievements/achievement.entity';
import { Award } from './awards/award.entity';
import { AwardIssuer } from './awards/award-issuer.service';
import { AwardRevocation } from './awards/award-revocation.service';
import { CredentialSigner } from './awards/credential-signer';
import { BadgeUrls } from './badge-urls';
import { AwardNotices } from './holders/award-notices';
import { HeldBadges } from './holders/held-badges.service';
import { BadgeIssuer } from './issuers/badge-issuer.entity';
import { IssuerAdmin } from './issuers/issuer-admin.entity';
import { IssuerKey } from './issuers/issuer-key.entity';
import { IssuerKeys } from './issuers/issuer-keys.service';
import { Issuers } from './issuers/issuers.service';
import { BadgesPersonalData } from './data-rights/badges-personal-data';
import { Endorsement } from './nominations/endorsement.entity';
import { Nomination } from './nominations/nomination.entity';
import { StatusList } from './status-list/status-list.entity';
import { StatusLists } from './status-list/status-lists.service';
import { PublicBadgeDocuments } from './publication/public-badge-documents.service';
import { PublicBadgesRepository } from './publication/public-badges.repository';
import { CredentialVerifier } from './verification/credential-verifier';

/** Badges: Open Badges 3.0 credentials issued, published, verified and revoked. */
@Module({
  imports: [
    CohortsModule,
    GroupsModule,
    PeerReviewModule,
    TypeOrmModule.forFeature([
      BadgeIssuer,
      IssuerKey,
      IssuerAdmin,
      Achievement,
      Award,
      StatusList,
      Nomination,
      Endorsement,
    ]),
  ],
  providers: [
    BadgeUrls,
    IssuerKeys,
    Issuers,
    StatusLists,
    CredentialSigner,
    AwardIssuer,
    AwardRevocation,
    HeldBadges,
    AwardNotices,
    BadgesPersonalData,
    PublicBadgesRepository,
    PublicBadgeDocuments,
    CredentialVerifier,
    BadgeScopes,
    AchievementPolicy,
    AwardPolicy,
    NominationPolicy,
    AchievementsService,
    FacilitatorAwards,
    NominationsService,
    RuleAwards,
    CohortCompletedRuleHandler,
    MeetingsAttendedRuleHandler,
    ReviewsGivenRuleHandler,
    SubmissionScoredRuleHandler,
  ],
  exports: [
    BadgeUrls,
    IssuerKeys,
    Issuers,
    StatusLists,
    AwardIssuer,
    AwardRevocation,
    HeldBadges,
    AwardNotices,
    PublicBadgeDocuments,
    CredentialVerifier,
    BadgeScopes,
    AchievementPolicy,
    AwardPolicy,
    NominationPolicy,
    AchievementsService,
    FacilitatorAwards,
    NominationsService,
  ],
})
export class BadgesModule {}
