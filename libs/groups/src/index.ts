export { StudyGroup, GroupMode, GroupVisibility, type SignupQuestion } from './study-group.entity';
export { GroupMember, GroupRole, MembershipStatus } from './membership/group-member.entity';
export { Meeting, MeetingStatus } from './meetings/meeting.entity';
export { MeetingSchedule } from './meetings/meeting-schedule.entity';
export { MeetingRsvp, RsvpAnswer } from './meetings/meeting-rsvp.entity';
export { MeetingAttendance } from './meetings/meeting-attendance.entity';
export { CalendarFeed, FeedOwner } from './calendar/calendar-feed.entity';
export { GroupPolicy, GroupAction, decideGroupAction } from './access/group.policy';
export { GroupAccessRepository, type GroupAccess } from './access/group-access.repository';
export { GroupStaffRegistry, type GroupStaffCheck } from './access/group-staff.registry';
export { MeetingPolicy } from './meetings/meeting.policy';
export { MeetingRepository, SLOT_MEETINGS, type GroupFacts } from './meetings/meeting.repository';
export {
  MeetingScheduleService,
  MAX_UPCOMING_MEETINGS,
  type ScheduleInput,
  type ScheduleView,
  type ScheduleChange,
} from './meetings/meeting-schedule.service';
export {
  MeetingsService,
  type AddMeetingInput,
  type MeetingEdit,
  type ListMeetingsQuery,
} from './meetings/meetings.service';
export { ParticipationService, type AttendanceRecordInput } from './meetings/participation.service';
export { AttendanceListeners, type AttendanceListener } from './meetings/attendance-listeners';
export type { RsvpEntry, AttendanceEntry } from './meetings/participation.repository';
export type { MeetingView } from './meetings/meeting-view';
export { MeetingsError, MeetingsErrorCode } from './meetings/meetings.errors';
export { MAX_SCHEDULE_OCCURRENCES, expandWeekly, type WeeklyRule, type Occurrence } from './meetings/recurrence';
export { CalendarFeedService } from './calendar/calendar-feed.service';
export { GroupsError, GroupsErrorCode } from './groups/groups.errors';
export { GROUP_LIMITS, type GroupDraft, type GroupChanges, type SignupQuestionInput } from './groups/group-input';
export { canonicalLanguageTag } from './groups/language-tag';
export type { TimeInZones, ViewerClock } from './groups/time-in-zones';
export type {
  GroupDetail,
  GroupFace,
  GroupPlace,
  OwnMembership,
  MemberView,
  RosterEntry,
  WaitlistEntry,
} from './groups/group-views';
export { WAITLIST_SHOWN } from './groups/group-views';
export { GroupReader } from './groups/group-reader.service';
export { CreateGroupUseCase } from './groups/create-group.use-case';
export { UpdateGroupUseCase } from './groups/update-group.use-case';
export { JoinGroupUseCase, type JoinResult } from './membership/join-group.use-case';
export { LeaveGroupUseCase } from './membership/leave-group.use-case';
export { GroupMembershipWriter, SeatOutcome, type SeatedGroup } from './membership/group-membership-writer';
export type { PlacedGroup, PlacedGroupsInput } from './membership/placed-group';
export { GroupRostersQuery, type GroupRoster, type RosterMember } from './membership/group-rosters.query';
export { MemberRolesUseCase } from './membership/member-roles.use-case';
export { MyGroupsQuery, type MyGroup } from './membership/my-groups.query';
export { GroupDiscoveryService } from './discovery/group-discovery.service';
export type {
  GroupDiscoveryQuery,
  DiscoveredGroup,
  DiscoveredMeeting,
  GroupTown,
} from './discovery/group-discovery.types';
export {
  buildGroupSearchQuery,
  GroupSearchOrder,
  type GroupSearchFilter,
  type GroupSearchRow,
} from './discovery/group-search.query';
export { toPrefixTsquery } from './discovery/search-text';
export { availabilityToWeekSpans, toMultirangeLiteral, type WeekSpan } from './discovery/weekly-slots';
export { GroupsModule } from './groups.module';
export { DiscoverySummaryRefresher } from './meetings/discovery-summary-refresher';
export { GROUP_READ_VIEWS } from './group-read-views';
export { GroupEvent } from './groups.events';
export { GroupJob } from './groups.jobs';
