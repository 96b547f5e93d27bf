import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DASHBOARD_SORTS, DeadlineMode, FLAG_PARAMS, type DashboardSort, type SortOrder } from '@app/cohorts';

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: FLAG_PARAMS, description: 'Learners with this at-risk flag; "at-risk": any flag' })
  @IsOptional()
  @IsIn(FLAG_PARAMS)
  flag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Learners in this cohort group (the study group's id)" })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ maxLength: 80, description: 'Part of the display name (case and accents ignored)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  q?: string;

  @ApiPropertyOptional({
    enum: DASHBOARD_SORTS,
    description: 'Default: name. lastActive: never active counts as longest ago. Ties by name.',
  })
  @IsOptional()
  @IsIn(DASHBOARD_SORTS)
  sort?: DashboardSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Default: asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: SortOrder;
}

export class DashboardGroupDto {
  @ApiProperty({ format: 'uuid', description: "The study group's id" }) id!: string;
  @ApiProperty({ example: 3, description: "The group's number in the cohort" }) number!: number;
}

export class DashboardMetricsDto {
  @ApiProperty({ description: 'Modules released to this learner so far (their zone in learner-local mode)' })
  modulesReleased!: number;

  @ApiProperty() modulesCompleted!: number;

  @ApiProperty({ description: 'Past their due instant (extension included) and not completed' })
  modulesOverdue!: number;

  @ApiProperty({ description: "Meetings of the cohort's groups they attended" })
  meetingsAttended!: number;

  @ApiProperty({ description: 'Meetings of their group that have started (not cancelled)' })
  meetingsHeld!: number;

  @ApiProperty({ description: 'Posts and replies in the cohort, deleted ones left out' })
  posts!: number;
}

export class DashboardFlagsDto {
  @ApiProperty({ description: 'A module is past its due instant for them (extension included) and not completed' })
  missedDeadline!: boolean;

  @ApiProperty({
    description: 'No activity for 7 days; counted from enrollment (or the cohort start) when they never acted',
  })
  inactive!: boolean;

  @ApiProperty({ description: "Not in any of the cohort's groups" }) noGroup!: boolean;
}

export class DashboardLearnerDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ type: DashboardGroupDto, nullable: true }) group!: DashboardGroupDto | null;
  @ApiProperty({ description: 'When they became an active learner' }) enrolledAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) lastActiveAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When they completed the cohort' }) completedAt!: Date | null;
  @ApiProperty({ type: DashboardMetricsDto }) metrics!: DashboardMetricsDto;
  @ApiProperty({ type: DashboardFlagsDto }) flags!: DashboardFlagsDto;
  @ApiProperty({ description: 'Any flag raised' }) atRisk!: boolean;
}

export class DashboardSummaryDto {
  @ApiProperty({ description: 'Active learners' }) learners!: number;
  @ApiProperty({ description: 'Learners with any flag' }) atRisk!: number;
  @ApiProperty() missedDeadline!: number;
  @ApiProperty() inactive!: number;
  @ApiProperty() noGroup!: number;
}

export class DashboardCohortDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: DeadlineMode }) deadlineMode!: DeadlineMode;
  @ApiProperty({ description: 'Modules on the calendar' }) modules!: number;
}

export class DashboardDto {
  @ApiProperty({ type: DashboardCohortDto }) cohort!: DashboardCohortDto;
  @ApiProperty({ description: 'The instant the figures are as of' }) generatedAt!: Date;
  @ApiProperty({ type: DashboardSummaryDto, description: 'Over every active learner, whatever the filter' })
  summary!: DashboardSummaryDto;

  @ApiProperty({ type: [DashboardLearnerDto], description: 'The learners the filter keeps, in the order asked' })
  items!: DashboardLearnerDto[];
}
