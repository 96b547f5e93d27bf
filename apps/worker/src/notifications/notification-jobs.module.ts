import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import {
  PlanDigestsProcessor,
  RelayOutboxProcessor,
  ReleaseDueNotificationsProcessor,
} from './notification.processors';

@Module({
  imports: [NotificationsModule],
  providers: [RelayOutboxProcessor, ReleaseDueNotificationsProcessor, PlanDigestsProcessor],
})
export class NotificationJobsModule {}
