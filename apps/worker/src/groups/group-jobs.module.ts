import { Module } from '@nestjs/common';
import { GroupsModule } from '@app/groups';
import { GroupSchedules } from './group-schedules';
import { RefreshGroupDiscoveryProcessor } from './refresh-group-discovery.processor';

@Module({
  imports: [GroupsModule],
  providers: [RefreshGroupDiscoveryProcessor, GroupSchedules],
})
export class GroupJobsModule {}
