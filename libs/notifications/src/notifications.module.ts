import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnnouncementsSection } from './digests/content/announcements.section';
import { ConversationSection } from './digests/content/conversation.section';
import { DueSoonSection } from './digests/content/due-soon.section';
import { NewMembersSection } from './digests/content/new-members.section';
import { UpcomingMeetingsSection } from './digests/content/upcoming-meetings.section';
import { DigestComposer } from './digests/digest.composer';
import { DigestPlanner } from './digests/planning/digest-planner';
import { OutboxHandlerRegistry } from './relay/outbox-handler';
import { OutboxRelay } from './relay/outbox-relay';
import { NotificationReleaser } from './release/notification-releaser';
import { NotificationSchedule } from './schedule/notification-schedule';
import { ScheduledNotification } from './schedule/scheduled-notification.entity';

/**
 * Notifications: the schedule of what is due to whom (digests, reminders), the outbox relay that keeps it
 * current, and the emails it becomes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduledNotification])],
  providers: [
    OutboxHandlerRegistry,
    NotificationSchedule,
    OutboxRelay,
    NotificationReleaser,
    DigestPlanner,
    ConversationSection,
    AnnouncementsSection,
    NewMembersSection,
    DueSoonSection,
    UpcomingMeetingsSection,
    DigestComposer,
  ],
  exports: [OutboxHandlerRegistry, NotificationSchedule, OutboxRelay, NotificationReleaser, DigestPlanner],
})
export class NotificationsModule {}
