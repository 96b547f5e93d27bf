import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { ApplyRetentionProcessor } from './apply-retention.processor';

@Module({
  imports: [NotificationsModule],
  providers: [ApplyRetentionProcessor],
})
export class RetentionJobsModule {}
