import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GroupAccessRepository } from './access/group-access.repository';
import { GroupPolicy } from './access/group.policy';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { MeetingAttendance } from './meetings/meeting-attendance.entity';
import { MeetingRsvp } from './meetings/meeting-rsvp.entity';
import { MeetingSchedule } from './meetings/meeting-schedule.entity';
import { Meeting } from './meetings/meeting.entity';
import { GroupMember } from './membership/group-member.entity';
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
  ],
  providers: [GroupAccessRepository, GroupPolicy],
  exports: [GroupAccessRepository, GroupPolicy],
})
export class GroupsModule {}
