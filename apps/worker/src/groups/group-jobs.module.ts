import { Module } from '@nestjs/common';
import { GroupsModule } from '@app/groups';
import { RefreshGroupDiscoveryProcessor } from './refresh-group-discovery.processor';

@Module({
  imports: [GroupsModule],
  providers: [RefreshGroupDiscoveryProcessor],
})
export class GroupJobsModule {}
