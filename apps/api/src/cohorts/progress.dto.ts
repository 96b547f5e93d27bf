import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { CohortRole, DeadlineMode, EnrollmentStatus } from '@app/cohorts';
import { PeerReviewNextAction } from '@app/peer-review';
import { ZonedTimeViewDto } from '../groups/groups.dto';

export class ExtensionDto {
  @ApiProperty({ minimum: 1, maximum: 365, description: "Days added to this learner's due date for the module" })
  @IsInt()
  @Min(1)
  @Max(365)
  extraDays!: number;
}

export class LearnerInstantDto {
  @ApiProperty({ example: '2026-03-09T03:59:00.000Z' }) utc!: string;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the learner's own zone" }) learner!: ZonedTimeViewDto;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the cohort's zone" }) cohort!: ZonedTimeViewDto;
}

export class ModuleProgressDto {
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2026-03-02', description: 'In the deadline zone' }) releaseDate!: string;
  @ApiProperty({ example: '2026-03-08', description: 'In the deadline zone, the extension included' })
  dueDate!: string;
  @ApiProperty({ type: LearnerInstantDto }) releasesAt!: LearnerInstantDto;
  @ApiProperty({ type: LearnerInstantDto }) dueAt!: LearnerInstantDto;
  @ApiProperty({ description: 'Extension granted to this learner (0: none)' }) extraDays!: number;
  @ApiProperty() released!: boolean;
  @ApiProperty({ type: LearnerInstantDto, nullable: true }) completedAt!: LearnerInstantDto | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Completed after the due instant' })
  completedLate!: boolean | null;
  @ApiProperty({ description: 'Not completed and past due' }) overdue!: boolean;
}

export class NextDueDto {
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() released!: boolean;
  @ApiProperty({ type: LearnerInstantDto }) dueAt!: LearnerInstantDto;
  @ApiProperty({ example: 86340 }) secondsLeft!: number;
}

export class LearnerProgressDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: CohortRole, nullable: true }) role!: CohortRole | null;
  @ApiProperty({ enum: EnrollmentStatus, nullable: true }) status!: EnrollmentStatus | null;
  @ApiProperty({ enum: DeadlineMode }) deadlineMode!: DeadlineMode;
  @ApiProperty({ description: "Where dates are read: the cohort's zone (fixed) or the learner's (learner-local)" })
  deadlineZone!: string;
  @ApiProperty() learnerZone!: string;
  @ApiProperty() cohortZone!: string;
  @ApiProperty() modulesTotal!: number;
  @ApiProperty() modulesCompleted!: number;
  @ApiProperty({ type: LearnerInstantDto, nullable: true, description: 'When the learner completed the cohort' })
  completedAt!: LearnerInstantDto | null;
  @ApiProperty({
    type: NextDueDto,
    nullable: true,
    description: 'The module not completed whose due instant is the earliest still ahead; null when none',
  })
  next!: NextDueDto | null;
  @ApiProperty({ type: [ModuleProgressDto] }) modules!: ModuleProgressDto[];
}

export class MyPeerReviewSubmissionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'My latest version' }) version!: number;
  @ApiProperty({ description: 'The latest version came after my due date' }) late!: boolean;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ description: 'When my review window closes' }) reviewClosesAt!: Date;
}

export class MyPeerReviewScoreDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Out of 100; null when no review counted' })
  total!: number | null;
  @ApiProperty({ description: 'Set by a facilitator' }) overridden!: boolean;
}

export class MyPeerReviewAssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty({ description: 'My own due date for the work (my extension included)' }) dueAt!: Date;
  @ApiProperty({ type: MyPeerReviewSubmissionDto, nullable: true }) submission!: MyPeerReviewSubmissionDto | null;
  @ApiProperty() reviewsGiven!: number;
  @ApiProperty({ description: 'm: reviews I must give' }) reviewsRequired!: number;
  @ApiProperty() reviewsReceived!: number;
  @ApiProperty({ description: 'k: reviews my work needs' }) reviewsNeeded!: number;
  @ApiProperty({
    type: MyPeerReviewScoreDto,
    nullable: true,
    description: 'Once released (as in scores/mine); null before, or with nothing submitted',
  })
  score!: MyPeerReviewScoreDto | null;
  @ApiProperty({ enum: PeerReviewNextAction, description: 'What to do next about this assignment' })
  nextAction!: PeerReviewNextAction;
}

/** My progress in the cohort, with my peer review per assignment. */
export class MyCohortProgressDto extends LearnerProgressDto {
  @ApiProperty({ type: [MyPeerReviewAssignmentDto], description: 'Empty unless I am an active learner' })
  peerReview!: MyPeerReviewAssignmentDto[];
}
