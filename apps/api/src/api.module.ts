import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { BadgesModule } from '@app/badges';
import { CohortsModule } from '@app/cohorts';
import { CoreModule } from '@app/core';
import { CoursesModule } from '@app/courses';
import { GroupsModule } from '@app/groups';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { PeerReviewModule } from '@app/peer-review';
import { AccessGuard } from './auth/access.guard';
import { BadgeVerificationController } from './badges/badge-verification.controller';
import { PublicBadgesController } from './badges/public-badges.controller';
import { MyBadgesController } from './badges/my-badges.controller';
import { AchievementsController } from './badges/achievements.controller';
import { AwardsController } from './badges/awards.controller';
import { NominationsController } from './badges/nominations.controller';
import { CohortGroupsController } from './cohorts/cohort-groups.controller';
import { CohortsController } from './cohorts/cohorts.controller';
import { ProgressController } from './cohorts/progress.controller';
import { AnnouncementsController } from './cohorts/announcements.controller';
import { DiscussionsController } from './cohorts/discussions.controller';
import { DashboardController } from './cohorts/dashboard.controller';
import { EnrollmentController } from './cohorts/enrollment.controller';
import { MyCohortsController } from './cohorts/my-cohorts.controller';
import { CourseVersionsController } from './courses/course-versions.controller';
import { CoursesController } from './courses/courses.controller';
import { CalendarController } from './groups/calendar.controller';
import { DiscoveryController } from './groups/discovery.controller';
import { GroupsController } from './groups/groups.controller';
import { GroupMeetingsController } from './groups/meetings-group.controller';
import { MeetingsController } from './groups/meetings.controller';
import { MembershipController } from './groups/membership.controller';
import { MyGroupsController } from './groups/my-groups.controller';
import { HealthController } from './health/health.controller';
import { JsonBodyMiddleware } from './http/json-body.middleware';
import { WriteRateLimitInterceptor } from './http/write-rate-limit.interceptor';
import { AuthController } from './identity/auth.controller';
import { BrowserSessions } from './identity/browser-sessions';
import { UsersController } from './identity/users.controller';
import { EmailPreviewController } from './notifications/email-preview.controller';
import { UnsubscribeController } from './notifications/unsubscribe.controller';
import { NextDigestController } from './notifications/next-digest.controller';
import { OperationsModule } from './operations/operations.module';
import { AttachmentsController } from './peer-review/attachments.controller';
import { CalibrationController } from './peer-review/calibration.controller';
import { FacilitatorQueueController } from './peer-review/facilitator-queue.controller';
import { PeerReviewController } from './peer-review/peer-review.controller';
import { ReviewFeedbackController } from './peer-review/review-feedback.controller';
import { ReviewerStandingController } from './peer-review/reviewer-standing.controller';
import { ScoresController } from './peer-review/scores.controller';

@Module({
  imports: [
    CoreModule,
    TerminusModule.forRoot({ logger: false }),
    IdentityModule,
    GroupsModule,
    CoursesModule,
    CohortsModule,
    PeerReviewModule,
    BadgesModule,
    NotificationsModule,
    OperationsModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    NextDigestController,
    UsersController,
    CoursesController,
    CourseVersionsController,
    // Before GroupsController: its `groups/:groupId` would otherwise take GET /groups/search.
    DiscoveryController,
    GroupsController,
    MembershipController,
    MyGroupsController,
    GroupMeetingsController,
    MeetingsController,
    CalendarController,
    DiscussionsController,
    AnnouncementsController,
    // Before any `cohorts/:cohortId` route: it serves POST /cohorts/invitation.
    EnrollmentController,
    CohortsController,
    MyCohortsController,
    ProgressController,
    DashboardController,
    CohortGroupsController,
    PeerReviewController,
    ReviewFeedbackController,
    FacilitatorQueueController,
    ScoresController,
    AttachmentsController,
    ReviewerStandingController,
    CalibrationController,
    NominationsController,
    AchievementsController,
    AwardsController,
    UnsubscribeController,
    EmailPreviewController,
    PublicBadgesController,
    BadgeVerificationController,
    MyBadgesController,
  ],
  providers: [
    BrowserSessions,
    { provide: APP_GUARD, useClass: AccessGuard },
    // Interceptors run after every guard: the write limits see the actor the access guard established.
    { provide: APP_INTERCEPTOR, useClass: WriteRateLimitInterceptor },
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Registered after the logger's middleware (CoreModule is configured first), so parse errors carry a request id.
    consumer.apply(JsonBodyMiddleware).forRoutes('{*splat}');
  }
}
