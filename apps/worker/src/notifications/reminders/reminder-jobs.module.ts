import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { PlanMeetingRemindersProcessor } from './plan-meeting-reminders.processor';

@Module({
  imports: [NotificationsModule],
  providers: [PlanMeetingRemindersProcessor],
})
export class ReminderJobsModule {}
