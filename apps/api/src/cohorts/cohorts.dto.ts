import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '@app/core';
import { COHORT_LIMITS, CohortRole, DeadlineMode, EnrollmentMode, EnrollmentStatus } from '@app/cohorts';
import { ZonedTimeViewDto } from '../groups/groups.dto';

const L = COHORT_LIMITS;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_MESSAGE = { message: '$property must be a date YYYY-MM-DD' };

/** Optional, but when present not null (`@IsOptional` would let null through to a NOT NULL column). */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

export class ModuleOffsetsDto {
  @ApiProperty({
    minimum: 0,
    maximum: L.maxOffsetDays,
    description: 'Released at 00:00 this many days after the start',
  })
  @IsInt()
  @Min(0)
  @Max(L.maxOffsetDays)
  releaseOffsetDays!: number;

  @ApiProperty({
    minimum: 0,
    maximum: L.maxOffsetDays,
    description: 'Due at 23:59 this many days after the start; not before the release day',
  })
  @IsInt()
  @Min(0)
  @Max(L.maxOffsetDays)
  dueOffsetDays!: number;
}

export class ModuleScheduleDto extends ModuleOffsetsDto {
  @ApiProperty({ format: 'uuid', description: "A module of the cohort's course version" })
  @IsUUID('all', { message: 'moduleId must be a UUID' })
  moduleId!: string;
}

export class CreateCohortDto {
  @ApiProperty({ example: 'Biogas, spring 2026', maxLength: L.titleLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title!: string;

  @ApiPropertyOptional({ maxLength: L.descriptionLength })
  @Optional()
  @IsString()
  @MaxLength(L.descriptionLength)
  description?: string;

  @ApiProperty({ format: 'uuid', description: 'A published course version' })
  @IsUUID('all', { message: 'courseVersionId must be a UUID' })
  courseVersionId!: string;

  @ApiProperty({ example: '2026-03-02', description: "Day 0 of the calendar, in the cohort's zone" })
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  startDate!: string;

  @ApiProperty({ example: 'America/La_Paz', description: "IANA zone of the cohort's calendar and fixed deadlines" })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ minimum: L.minCapacity, maximum: L.maxCapacity, description: 'Most active learners' })
  @IsInt()
  @Min(L.minCapacity)
  @Max(L.maxCapacity)
  capacity!: number;

  @ApiProperty({ enum: EnrollmentMode })
  @IsEnum(EnrollmentMode)
  enrollmentMode!: EnrollmentMode;

  @ApiProperty({
    enum: DeadlineMode,
    description: "fixed: 23:59 in the cohort's zone for everyone; learner-local: 23:59 in each learner's zone",
  })
  @IsEnum(DeadlineMode)
  deadlineMode!: DeadlineMode;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 100, description: 'Share of modules to complete' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  completionModulePercent?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: 0,
    description: "Share of the learner's group's held meetings to attend (0: no group needed)",
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  completionAttendancePercent?: number;

  @ApiPropertyOptional({
    type: [ModuleScheduleDto],
    maxItems: L.modules,
    description: 'Offsets for some modules; the others keep one a week (module i: released day 7i, due day 7i+6)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.modules)
  @ValidateNested({ each: true })
  @Type(() => ModuleScheduleDto)
  modules?: ModuleScheduleDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: L.coFacilitators })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.coFacilitators)
  @IsUUID('all', { each: true, message: 'each co-facilitator must be a user id (UUID)' })
  coFacilitators?: string[];
}

/** Every field optional. Moving the start date, zone or deadline mode moves every deadline. */
export class UpdateCohortDto {
  @ApiPropertyOptional({ maxLength: L.titleLength })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title?: string;

  @ApiPropertyOptional({ maxLength: L.descriptionLength })
  @Optional()
  @IsString()
  @MaxLength(L.descriptionLength)
  description?: string;

  @ApiPropertyOptional({
    minimum: L.minCapacity,
    maximum: L.maxCapacity,
    description: 'Not below the learners enrolled (400 naming capacity)',
  })
  @Optional()
  @IsInt()
  @Min(L.minCapacity)
  @Max(L.maxCapacity)
  capacity?: number;

  @ApiPropertyOptional({ enum: EnrollmentMode })
  @Optional()
  @IsEnum(EnrollmentMode)
  enrollmentMode?: EnrollmentMode;

  @ApiPropertyOptional({ enum: DeadlineMode })
  @Optional()
  @IsEnum(DeadlineMode)
  deadlineMode?: DeadlineMode;

  @ApiPropertyOptional({ example: '2026-03-09' })
  @Optional()
  @Matches(LOCAL_DATE, LOCAL_DATE_MESSAGE)
  @IsISO8601({ strict: true }, LOCAL_DATE_MESSAGE)
  startDate?: string;

  @ApiPropertyOptional({ example: 'Africa/Kigali' })
  @Optional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Relaxing a rule completes those who now meet it' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  completionModulePercent?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  completionAttendancePercent?: number;

  @ApiPropertyOptional({ type: [ModuleScheduleDto], maxItems: L.modules, description: 'New offsets for some modules' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.modules)
  @ValidateNested({ each: true })
  @Type(() => ModuleScheduleDto)
  modules?: ModuleScheduleDto[];
}

// ---- responses ----

export class CohortInstantDto {
  @ApiProperty({ example: '2026-03-09T03:59:00.000Z' }) utc!: string;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the viewer's profile zone" }) viewer!: ZonedTimeViewDto;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the cohort's zone" }) cohort!: ZonedTimeViewDto;
}

export class CalendarEntryDto {
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty({ description: 'Order in the course, from 0' }) position!: number;
  @ApiProperty() title!: string;
  @ApiProperty() releaseOffsetDays!: number;
  @ApiProperty() dueOffsetDays!: number;
  @ApiProperty({ example: '2026-03-02', description: "In the cohort's zone" }) releaseDate!: string;
  @ApiProperty({ example: '2026-03-08', description: "In the cohort's zone" }) dueDate!: string;
  @ApiProperty({ type: CohortInstantDto, description: "00:00 of the release day, in the cohort's zone" })
  releasesAt!: CohortInstantDto;
  @ApiProperty({
    type: CohortInstantDto,
    description: "23:59 of the due day in the cohort's zone (learner-local cohorts: see each learner's /me)",
  })
  dueAt!: CohortInstantDto;
}

export class CohortMembershipDto {
  @ApiProperty({ enum: CohortRole }) role!: CohortRole;
  @ApiProperty({ enum: EnrollmentStatus }) status!: EnrollmentStatus;
  @ApiProperty({ type: CohortInstantDto, nullable: true, description: 'When the learner completed the cohort' })
  completedAt!: CohortInstantDto | null;
}

export class CohortForFacilitatorsDto {
  @ApiProperty() inviteCode!: string;
  @ApiProperty({ example: 'https://commonplace.example.org/cohorts/<id>/join?code=...' }) inviteLink!: string;
  @ApiProperty() completionModulePercent!: number;
  @ApiProperty() completionAttendancePercent!: number;
}

export class CourseVersionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() number!: number;
}

export class CohortFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
}

export class CohortDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: CourseVersionRefDto }) courseVersion!: CourseVersionRefDto;
  @ApiProperty({ example: '2026-03-02' }) startDate!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ enum: EnrollmentMode }) enrollmentMode!: EnrollmentMode;
  @ApiProperty({ enum: DeadlineMode }) deadlineMode!: DeadlineMode;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Active learners' }) enrolledCount!: number;
  @ApiProperty() seatsLeft!: number;
  @ApiProperty({ type: [CohortFacilitatorDto], description: 'The creator first' })
  facilitators!: CohortFacilitatorDto[];
  @ApiProperty({ type: [CalendarEntryDto] }) modules!: CalendarEntryDto[];
  @ApiProperty({ type: CohortMembershipDto, nullable: true, description: "The viewer's own place, if any" })
  membership!: CohortMembershipDto | null;
  @ApiProperty({ type: CohortForFacilitatorsDto, nullable: true, description: 'Facilitators only' })
  forFacilitators!: CohortForFacilitatorsDto | null;
}
