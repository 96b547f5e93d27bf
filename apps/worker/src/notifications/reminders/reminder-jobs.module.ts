import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { PlanMeetingRemindersProcessor } from './plan-meeting-reminders.processor';
import { ReminderSchedules } from './reminder-schedules';

@Module({
  imports: [NotificationsModule],
  providers: [PlanMeetingRemindersProcessor, ReminderSchedules],
})
export class ReminderJobsModule {}
