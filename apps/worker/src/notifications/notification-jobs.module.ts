import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { NotificationSchedules } from './notification-schedules';
import {
  PlanDigestsProcessor,
  RelayOutboxProcessor,
  ReleaseDueNotificationsProcessor,
} from './notification.processors';

@Module({
  imports: [NotificationsModule],
  providers: [RelayOutboxProcessor, ReleaseDueNotificationsProcessor, PlanDigestsProcessor, NotificationSchedules],
})
export class NotificationJobsModule {}
