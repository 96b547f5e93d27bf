import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DASHBOARD_SORTS, DeadlineMode, FLAG_PARAMS, type DashboardSort, type SortOrder } from '@app/cohorts';
import { PEER_REVIEW_DASHBOARD_KEYS } from '@app/peer-review';

/** The cohorts library's sorts and the keys of the columns peer review contributes to the dashboard. */
const SORTS: readonly string[] = [...DASHBOARD_SORTS, ...PEER_REVIEW_DASHBOARD_KEYS];

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
    enum: SORTS,
    description:
      'Default: name. lastActive: never active counts as longest ago; averageScore: none counts as lowest. Ties by name.',
  })
  @IsOptional()
  @IsIn(SORTS)
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

  @ApiProperty({ description: 'Peer review: assignments they submitted work to' })
  submissionsMade!: number;

  @ApiProperty({ description: 'Peer review: reviews they submitted, over all assignments' })
  reviewsGiven!: number;

  @ApiProperty({
    description: 'Peer review: m for each assignment they submitted to whose review window opened (their due date)',
  })
  reviewsRequired!: number;

  @ApiProperty({ description: 'Peer review: reviews of their work that count (submitted, not removed)' })
  reviewsReceived!: number;

  @ApiProperty({ description: 'Peer review: reviews short of m in assignments whose review window has closed' })
  reviewsMissed!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Peer review: mean score out of 100 (rounded) over assignments where their work has one; null if none',
  })
  averageScore!: number | null;
}

export class DashboardFlagsDto {
  @ApiProperty({ description: 'A module is past its due instant for them (extension included) and not completed' })
  missedDeadline!: boolean;

  @ApiProperty({
    description: 'No activity for 7 days; counted from enrollment (or the cohort start) when they never acted',
  })
  inactive!: boolean;

  @ApiProperty({ description: "Not in any of the cohort's groups" }) noGroup!: boolean;

  @ApiProperty({ description: 'Peer review: gave fewer than m reviews in an assignment whose review window closed' })
  reviewsOwed!: boolean;
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
  @ApiProperty() reviewsOwed!: number;
}

export class DashboardColumnDto {
  @ApiProperty({ example: 'reviewsGiven', description: 'Its key in `metrics` and in `?sort=`' }) key!: string;
  @ApiProperty({ example: 'Reviews given', description: 'Its CSV header' }) header!: string;
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
  @ApiProperty({ type: [DashboardColumnDto], description: 'The counted columns after the progress ones, in order' })
  columns!: DashboardColumnDto[];
  @ApiProperty({ type: DashboardSummaryDto, description: 'Over every active learner, whatever the filter' })
  summary!: DashboardSummaryDto;

  @ApiProperty({ type: [DashboardLearnerDto], description: 'The learners the filter keeps, in the order asked' })
  items!: DashboardLearnerDto[];
}
