import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@app/courses';
import { IdentityModule } from '@app/identity';
import { GroupAccessRepository } from './access/group-access.repository';
import { GroupPolicy } from './access/group.policy';
import { GroupStaffRegistry } from './access/group-staff.registry';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { CalendarFeedRepository } from './calendar/calendar-feed.repository';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { GroupDiscoveryService } from './discovery/group-discovery.service';
import { GroupSearchRepository } from './discovery/group-search.repository';
import { AttendanceListeners } from './meetings/attendance-listeners';
import { DiscoverySummaryRefresher } from './meetings/discovery-summary-refresher';
import { MeetingAttendance } from './meetings/meeting-attendance.entity';
import { MeetingRsvp } from './meetings/meeting-rsvp.entity';
import { MeetingSchedule } from './meetings/meeting-schedule.entity';
import { MeetingScheduleService } from './meetings/meeting-schedule.service';
import { MeetingWriter } from './meetings/meeting-writer';
import { Meeting } from './meetings/meeting.entity';
import { MeetingPolicy } from './meetings/meeting.policy';
import { MeetingRepository } from './meetings/meeting.repository';
import { MeetingsPersonalData } from './meetings/meetings-personal-data';
import { MeetingsService } from './meetings/meetings.service';
import { ParticipationRepository } from './meetings/participation.repository';
import { ParticipationService } from './meetings/participation.service';
import { CreateGroupUseCase } from './groups/create-group.use-case';
import { GroupReader } from './groups/group-reader.service';
import { StudyGroupRepository } from './groups/study-group.repository';
import { UpdateGroupUseCase } from './groups/update-group.use-case';
import { GroupMember } from './membership/group-member.entity';
import { GroupMemberRepository } from './membership/group-member.repository';
import { GroupsPersonalData } from './membership/groups-personal-data';
import { JoinGroupUseCase } from './membership/join-group.use-case';
import { LeaveGroupUseCase } from './membership/leave-group.use-case';
import { MemberRolesUseCase } from './membership/member-roles.use-case';
import { MyGroupsQuery } from './membership/my-groups.query';
import { SeatAllocator } from './membership/seat-allocator';
import { StudyGroup } from './study-group.entity';

/** Study groups: membership and waitlists, meetings and their calendar, discovery. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      StudyGroup,
      GroupMember,
      Meeting,
      MeetingSchedule,
      MeetingRsvp,
      MeetingAttendance,
      CalendarFeed,
    ]),
    // Groups pin published course versions, checked through the catalog.
    CoursesModule,
    IdentityModule,
  ],
  providers: [
    DiscoverySummaryRefresher,
    GroupAccessRepository,
    GroupStaffRegistry,
    GroupPolicy,
    StudyGroupRepository,
    GroupMemberRepository,
    GroupReader,
    CreateGroupUseCase,
    UpdateGroupUseCase,
    SeatAllocator,
    JoinGroupUseCase,
    LeaveGroupUseCase,
    MemberRolesUseCase,
    MyGroupsQuery,
    GroupsPersonalData,
    MeetingPolicy,
    MeetingRepository,
    MeetingWriter,
    MeetingScheduleService,
    MeetingsService,
    ParticipationRepository,
    ParticipationService,
    AttendanceListeners,
    MeetingsPersonalData,
    CalendarFeedRepository,
    CalendarFeedService,
    GroupSearchRepository,
    GroupDiscoveryService,
  ],
  exports: [
    DiscoverySummaryRefresher,
    GroupAccessRepository,
    GroupStaffRegistry,
    GroupPolicy,
    GroupReader,
    CreateGroupUseCase,
    UpdateGroupUseCase,
    JoinGroupUseCase,
    LeaveGroupUseCase,
    MemberRolesUseCase,
    MyGroupsQuery,
    MeetingPolicy,
    MeetingRepository,
    MeetingScheduleService,
    MeetingsService,
    ParticipationService,
    AttendanceListeners,
    CalendarFeedService,
    GroupDiscoveryService,
  ],
})
export class GroupsModule {}
