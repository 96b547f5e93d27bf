import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { GROUP_SIZE_MAX, GROUP_SIZE_MIN } from '@app/cohorts';

export class GroupingPreferenceDto {
  @ApiProperty({ description: 'true: place me in a study group of the cohort (at once, if groups were formed)' })
  @IsBoolean()
  optIn!: boolean;
}

export class FormGroupsDto {
  @ApiProperty({ minimum: GROUP_SIZE_MIN, maximum: GROUP_SIZE_MAX, example: 4 })
  @IsInt()
  @Min(GROUP_SIZE_MIN)
  @Max(GROUP_SIZE_MAX)
  minSize!: number;

  @ApiProperty({ minimum: GROUP_SIZE_MIN, maximum: GROUP_SIZE_MAX, example: 6, description: 'At least minSize' })
  @IsInt()
  @Min(GROUP_SIZE_MIN)
  @Max(GROUP_SIZE_MAX)
  maxSize!: number;
}

export class MoveRequestDto {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why, for the facilitators (e.g. "I work Tuesday evenings now")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MoveLearnerDto {
  @ApiProperty({ format: 'uuid', description: 'An active learner of the cohort' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ format: 'uuid', description: 'One of the cohort’s groups, below the cohort’s max group size' })
  @IsUUID()
  toGroupId!: string;
}

export class WeeklyWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday of the start, 1 = Monday' })
  weekday!: number;
  @ApiProperty({ example: '18:00' }) start!: string;
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday of the end (the next day past midnight)' })
  endWeekday!: number;
  @ApiProperty({ example: '20:00', description: 'Wall-clock time of the end; a window to midnight ends at 00:00' })
  end!: string;
  @ApiProperty({ example: 120 }) minutes!: number;
}

export class ExplainedMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ type: [WeeklyWindowDto], description: "The group's common windows in this member's zone" })
  commonWindowsLocal!: WeeklyWindowDto[];
  @ApiProperty({ type: WeeklyWindowDto, nullable: true, description: 'The suggested slot in this member’s zone' })
  suggestedSlotLocal!: WeeklyWindowDto | null;
}

export class CohortGroupDto {
  @ApiProperty({ format: 'uuid', description: 'The study group (meetings, calendar and members live there)' })
  groupId!: string;
  @ApiProperty({ description: '"Group 3" of the cohort' }) number!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'es', description: 'A language every member speaks' }) language!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty() memberCount!: number;
  @ApiProperty({ description: 'Minutes a week every member is available, from their current availability' })
  sharedMinutesPerWeek!: number;
  @ApiProperty({ type: [WeeklyWindowDto], description: 'When every member is available, in UTC' })
  commonWindowsUtc!: WeeklyWindowDto[];
  @ApiProperty({ type: WeeklyWindowDto, nullable: true, description: 'A weekly meeting of up to 90 minutes, UTC' })
  suggestedSlotUtc!: WeeklyWindowDto | null;
  @ApiProperty({ type: [ExplainedMemberDto] }) members!: ExplainedMemberDto[];
}

export class UnplacedLearnerDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [String] }) languages!: string[];
}

export class MoveRequestViewDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The group they are in now' })
  groupId!: string | null;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class GroupingOverviewDto {
  @ApiProperty({ example: '2026-03-02', description: 'The week whose zone offsets (DST) the windows use' })
  weekOf!: string;
  @ApiProperty({ nullable: true, type: Number }) minSize!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxSize!: number | null;
  @ApiProperty({ nullable: true, type: Date, description: 'The first "form groups" run' })
  groupsFormedAt!: Date | null;
  @ApiProperty({ type: [CohortGroupDto] }) groups!: CohortGroupDto[];
  @ApiProperty({ type: [UnplacedLearnerDto], description: 'Opted in, active, and in no group' })
  unplaced!: UnplacedLearnerDto[];
  @ApiProperty({ type: [MoveRequestViewDto] }) moveRequests!: MoveRequestViewDto[];
}

export class FormationResultDto extends GroupingOverviewDto {
  @ApiProperty({ type: [String], description: 'Groups this run created' }) formedGroupIds!: string[];
  @ApiProperty({
    type: [String],
    description: 'Learners this run could not place: no peer shares a language and an hour',
  })
  unplacedUserIds!: string[];
}

export class MyGroupingDto {
  @ApiProperty({ example: '2026-03-02' }) weekOf!: string;
  @ApiProperty() groupingOptIn!: boolean;
  @ApiProperty({ nullable: true, type: Date }) moveRequestedAt!: Date | null;
  @ApiProperty({ type: CohortGroupDto, nullable: true, description: 'Your group, explained; null while you have none' })
  group!: CohortGroupDto | null;
}
