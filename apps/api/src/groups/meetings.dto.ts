import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone, PageQueryDto } from '@app/core';
import { MAX_SCHEDULE_OCCURRENCES, MeetingStatus, RsvpAnswer } from '@app/groups';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_MESSAGE = { message: '$property must be a date YYYY-MM-DD' };
const START_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const START_TIME_MESSAGE = { message: '$property must be a local time HH:MM (00:00-23:59)' };
/** An instant needs its offset: "2026-03-01T10:00" alone would be read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = { message: '$property must be an ISO 8601 instant with an offset, e.g. 2026-03-01T10:00:00Z' };
const MIN_DURATION = 5;
const MAX_DURATION = 720;
export const MAX_MEETINGS_PER_REQUEST = 50;
export const MAX_ATTENDANCE_RECORDS = 500;

export class ScheduleInputDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: "ISO weekday in the group's zone, 1 = Monday" })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '18:00', description: "Local start time in the group's zone" })
  @Matches(START_TIME, START_TIME_MESSAGE)
  localStartTime!: string;

  @ApiProperty({ minimum: MIN_DURATION, maximum: MAX_DURATION })
  @IsInt()
  @Min(MIN_DURATION)
  @Max(MAX_DURATION)
  durationMinutes!: number;

  @ApiProperty({
    example: '2026-03-02',
    description: "First local date the schedule may fall on; not before today, unless it is the running schedule's",
  })
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  startDate!: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SCHEDULE_OCCURRENCES,
    description: 'How many meetings, counted from startDate (past ones included). Give this or untilDate.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SCHEDULE_OCCURRENCES)
  occurrences?: number;

  @ApiPropertyOptional({
    example: '2026-06-30',
    description: `Last local date (inclusive). Give this or occurrences; at most ${MAX_SCHEDULE_OCCURRENCES} meetings.`,
  })
  @IsOptional()
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  untilDate?: string;
}

export class NewMeetingDto {
  @ApiProperty({ example: '2026-03-10', description: "Local date in the group's zone" })
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  localDate!: string;

  @ApiProperty({ example: '18:00', description: "Local start time in the group's zone" })
  @Matches(START_TIME, START_TIME_MESSAGE)
  localTime!: string;

  @ApiProperty({ minimum: MIN_DURATION, maximum: MAX_DURATION })
  @IsInt()
  @Min(MIN_DURATION)
  @Max(MAX_DURATION)
  durationMinutes!: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class AddMeetingsDto {
  @ApiProperty({ type: [NewMeetingDto], minItems: 1, maxItems: MAX_MEETINGS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEETINGS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => NewMeetingDto)
  meetings!: NewMeetingDto[];
}

export class EditMeetingDto {
  @ApiPropertyOptional({ example: '2026-03-11' })
  @IsOptional()
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  localDate?: string;

  @ApiPropertyOptional({ example: '19:30' })
  @IsOptional()
  @Matches(START_TIME, START_TIME_MESSAGE)
  localTime?: string;

  @ApiPropertyOptional({ minimum: MIN_DURATION, maximum: MAX_DURATION })
  @IsOptional()
  @IsInt()
  @Min(MIN_DURATION)
  @Max(MAX_DURATION)
  durationMinutes?: number;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String, description: 'null removes the title' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(200)
  title?: string | null;
}

export class ViewerZoneQueryDto {
  @ApiPropertyOptional({
    example: 'Africa/Kigali',
    description: "Show `viewer` times in this zone instead of your profile's",
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class ListMeetingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Meetings not yet over at this instant (default: now)' })
  @IsOptional()
  @Matches(INSTANT, INSTANT_MESSAGE)
  @IsISO8601({ strict: true }, INSTANT_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before this instant' })
  @IsOptional()
  @Matches(INSTANT, INSTANT_MESSAGE)
  @IsISO8601({ strict: true }, INSTANT_MESSAGE)
  to?: string;

  @ApiPropertyOptional({ example: 'Africa/Kigali', description: 'Show `viewer` times in this zone instead of yours' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class RsvpDto {
  @ApiProperty({ enum: RsvpAnswer })
  @IsEnum(RsvpAnswer)
  answer!: RsvpAnswer;
}

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty()
  @IsBoolean()
  attended!: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto], minItems: 1, maxItems: MAX_ATTENDANCE_RECORDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDANCE_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordDto)
  records!: AttendanceRecordDto[];
}

// Responses

export class ZonedTimeDto {
  @ApiProperty({ example: 'America/La_Paz' }) zone!: string;
  @ApiProperty({ example: '2026-03-10T18:00', description: 'Local wall-clock time' }) local!: string;
  @ApiProperty({ example: '-04:00' }) offset!: string;
  @ApiProperty({ example: 'Tue, Mar 10, 2026, 18:00 (America/La_Paz)' }) display!: string;
}

export class TimeViewDto {
  @ApiProperty({ example: '2026-03-10T22:00:00.000Z' }) utc!: string;
  @ApiProperty({ type: ZonedTimeDto, description: "In the viewer's zone (their profile's, or ?timeZone=)" })
  viewer!: ZonedTimeDto;
  @ApiProperty({ type: ZonedTimeDto, description: "In the group's zone" }) group!: ZonedTimeDto;
}

export class LocalMeetingTimeDto {
  @ApiProperty({ example: '2026-03-10' }) date!: string;
  @ApiProperty({ example: '18:00' }) time!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
}

export class RsvpCountsDto {
  @ApiProperty() yes!: number;
  @ApiProperty() no!: number;
  @ApiProperty() maybe!: number;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: MeetingStatus }) status!: MeetingStatus;
  @ApiProperty({
    type: LocalMeetingTimeDto,
    description:
      "What the group agreed on, in the group's zone. In a spring-forward gap the meeting starts later " +
      'by the gap (RFC 5545), as `startsAt` shows.',
  })
  local!: LocalMeetingTimeDto;
  @ApiProperty({ type: TimeViewDto }) startsAt!: TimeViewDto;
  @ApiProperty({ type: TimeViewDto }) endsAt!: TimeViewDto;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ description: 'Made by the weekly schedule, and edited with it' }) fromSchedule!: boolean;
  @ApiProperty({ description: 'iCalendar SEQUENCE: goes up with every change' }) sequence!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Active members only' }) meetingLink!: string | null;
  @ApiProperty({ nullable: true, type: RsvpCountsDto, description: 'Active members only' })
  rsvps!: RsvpCountsDto | null;
  @ApiProperty({ nullable: true, enum: RsvpAnswer, description: 'Your answer (active members only)' })
  myRsvp!: RsvpAnswer | null;
}

export class MeetingPageDto {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingDto] }) items!: MeetingDto[];
}

export class ScheduleDto {
  @ApiProperty({ description: 'ISO weekday, 1 = Monday' }) weekday!: number;
  @ApiProperty({ example: '18:00' }) localStartTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ example: '2026-03-02' }) startDate!: string;
  @ApiProperty({ nullable: true, type: Number }) occurrences!: number | null;
  @ApiProperty({ nullable: true, type: String }) untilDate!: string | null;
  @ApiProperty({ example: 'America/La_Paz', description: "The group's zone" }) timeZone!: string;
}

export class ScheduleChangeDto {
  @ApiProperty({ type: ScheduleDto }) schedule!: ScheduleDto;
  @ApiProperty({ description: 'Meetings added or brought back' }) scheduled!: number;
  @ApiProperty({ description: 'Meetings kept with a new time or length (same id, RSVPs kept)' }) updated!: number;
  @ApiProperty() cancelled!: number;
}

export class CancelledCountDto {
  @ApiProperty() cancelled!: number;
}

export class RsvpEntryDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: RsvpAnswer }) answer!: RsvpAnswer;
}

export class RsvpListDto {
  @ApiProperty({ type: [RsvpEntryDto] }) items!: RsvpEntryDto[];
}

export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() attended!: boolean;
}

export class AttendanceListDto {
  @ApiProperty({ type: [AttendanceEntryDto] }) items!: AttendanceEntryDto[];
}
