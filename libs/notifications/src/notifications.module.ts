import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BadgesModule } from '@app/badges';
import { IdentityModule } from '@app/identity';
import { CohortsModule } from '@app/cohorts';
import { PeerReviewModule } from '@app/peer-review';
import { CoursesModule } from '@app/courses';
import { AnnouncementMailRepository } from './announcements/announcement-mail.repository';
import { AnnouncementMailer } from './announcements/announcement-mailer';
import { AnnouncementComposer } from './announcements/announcement.composer';
import { digestSectionProviders } from './digests/content/digest-sections';
import { DigestComposer } from './digests/digest.composer';
import { DigestPlanner } from './digests/planning/digest-planner';
import { NextDigestQuery } from './digests/planning/next-digest.query';
import { OutboxRelay } from './relay/outbox-relay';
import { NotificationMetrics } from './operations/notification-metrics';
import { NotificationStatsRepository } from './operations/notification-stats.repository';
import { NotificationReleaser } from './release/notification-releaser';
import { OutboxRetention } from './retention/outbox-retention';
import { RetentionPass } from './retention/retention-pass';
import { ScheduleRetention } from './retention/schedule-retention';
import { MeetingReminderPlanner } from './reminders/meeting-reminder.planner';
import { reminderProviders } from './reminders/reminders.providers';
import { peerReviewNoticeProviders } from './peer-review/peer-review.providers';
import { badgeNoticeProviders } from './badges/badges.providers';
import { NotificationSchedule } from './schedule/notification-schedule';
import { ScheduledNotification } from './schedule/scheduled-notification.entity';
import { BuiltInPreviewSamples } from './preview/built-in-samples';
import { EmailPreview } from './preview/email-preview';
import { PreviewSamples } from './preview/preview-samples';
import { NotificationCategoryGate } from './unsubscribe/category-gate';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';
import { UnsubscribePage } from './unsubscribe/unsubscribe-page';
import { UnsubscribeTokens } from './unsubscribe/unsubscribe-token';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';

/**
 * Notifications: the schedule of what is due to whom (digests, reminders), the outbox relay that keeps it
 * current, and the emails it becomes: every email a person can unsubscribe from (announcements included) is sent
 * from here, with the one-click unsubscribe headers.
 */
@Module({
  // CohortsModule for the hook that lets announcements count their recipients by this domain's rule, CoursesModule
  // for the assignment (title, k, m, anonymity) a peer-review notification is about, PeerReviewModule for the
  // retention of its unsubmitted attachments, BadgesModule for the awards "you earned a badge" tells about.
  imports: [
    TypeOrmModule.forFeature([ScheduledNotification]),
    IdentityModule,
    CohortsModule,
    CoursesModule,
    PeerReviewModule,
    BadgesModule,
  ],
  providers: [
    NotificationSchedule,
    OutboxRelay,
    NotificationReleaser,
    DigestPlanner,
    NextDigestQuery,
    ...digestSectionProviders,
    DigestComposer,
    ...reminderProviders,
    ...peerReviewNoticeProviders,
    ...badgeNoticeProviders,
    AnnouncementMailRepository,
    AnnouncementMailer,
    AnnouncementComposer,
    UnsubscribeTokens,
    UnsubscribeLinks,
    UnsubscribeService,
    UnsubscribePage,
    NotificationCategoryGate,
    PreviewSamples,
    BuiltInPreviewSamples,
    EmailPreview,
    NotificationStatsRepository,
    NotificationMetrics,
    OutboxRetention,
    ScheduleRetention,
    RetentionPass,
  ],
  exports: [
    UnsubscribeLinks,
    UnsubscribeTokens,
    UnsubscribeService,
    UnsubscribePage,
    PreviewSamples,
    EmailPreview,
    NotificationSchedule,
    OutboxRelay,
    NotificationReleaser,
    DigestPlanner,
    NextDigestQuery,
    MeetingReminderPlanner,
    NotificationMetrics,
    RetentionPass,
  ],
})
export class NotificationsModule {}
