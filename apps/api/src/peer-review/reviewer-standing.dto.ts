import { ApiProperty } from '@nestjs/swagger';
import { PersonRefDto } from './peer-review.dto';

export class CriterionStandingDto {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: "On the criterion's scale: above 0, higher than the estimated truth" }) bias!: number;
  @ApiProperty() biasStandardDeviation!: number;
  @ApiProperty({ description: "Expected precision τ of their scores (1 / variance on the criterion's scale)" })
  reliability!: number;
  @ApiProperty({ description: '1 / √reliability: their typical error once the bias is taken out' })
  noiseStandardDeviation!: number;
  @ApiProperty() reviewCount!: number;
}

export class HelpfulnessDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean rating (1-5) authors gave their reviews' })
  mean!: number | null;
  @ApiProperty() ratings!: number;
}

export class ReviewingFiguresDto {
  @ApiProperty({ description: 'm when they submitted work; 0 for a facilitator giving staff reviews' })
  reviewsRequired!: number;
  @ApiProperty({ description: 'Submitted reviews (those removed from scoring included)' }) reviewsGiven!: number;
  @ApiProperty({ description: 'Submitted before their review window closed' }) reviewsOnTime!: number;
  @ApiProperty() reviewsLate!: number;
  @ApiProperty({ description: 'Taken out of scoring by a facilitator' }) reviewsRemoved!: number;
  @ApiProperty({ type: HelpfulnessDto }) helpfulness!: HelpfulnessDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Reviewer model: points out of 100 they score above the estimated truth (negative: below)',
  })
  bias!: number | null;
  @ApiProperty({ type: Number, nullable: true }) biasStandardDeviation!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Reviewer model: their typical error on a total out of 100 once the bias is taken out',
  })
  noiseStandardDeviation!: number | null;
  @ApiProperty({ type: [CriterionStandingDto] }) criteria!: CriterionStandingDto[];
}

export class ReviewerStandingDto extends ReviewingFiguresDto {
  @ApiProperty({ type: PersonRefDto }) reviewer!: PersonRefDto;
  @ApiProperty({ description: 'A facilitator who gave staff reviews' }) staff!: boolean;
}

export class ReviewerStandingSummaryDto {
  @ApiProperty() reviewers!: number;
  @ApiProperty({ description: 'Learners who submitted and gave fewer than m reviews' }) owingReviews!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean |bias|, points out of 100' })
  meanAbsoluteBias!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share (0-1) of reviews given on time' })
  onTimeShare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanHelpfulness!: number | null;
}

export class AssignmentReviewerStandingDto {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ description: 'm' }) reviewsPerLearner!: number;
  @ApiProperty({ type: [ReviewerStandingDto] }) reviewers!: ReviewerStandingDto[];
  @ApiProperty({ type: ReviewerStandingSummaryDto }) summary!: ReviewerStandingSummaryDto;
}

export class MyReviewerStandingDto extends ReviewingFiguresDto {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({
    type: [String],
    example: ['You score about 6 points higher than your peers on average (out of 100).'],
    description: 'The figures in sentences addressed to me',
  })
  feedback!: string[];
}

export class CohortReviewerStandingDto {
  @ApiProperty({ type: PersonRefDto }) reviewer!: PersonRefDto;
  @ApiProperty() staff!: boolean;
  @ApiProperty({ description: 'Assignments they submitted to or reviewed in' }) assignments!: number;
  @ApiProperty({ description: 'm for each assignment they submitted to' }) reviewsRequired!: number;
  @ApiProperty() reviewsGiven!: number;
  @ApiProperty() reviewsOnTime!: number;
  @ApiProperty() reviewsLate!: number;
  @ApiProperty() reviewsRemoved!: number;
  @ApiProperty({ type: HelpfulnessDto }) helpfulness!: HelpfulnessDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Points out of 100: the assignments’ biases weighted by the reviews each rests on',
  })
  bias!: number | null;
  @ApiProperty({ type: Number, nullable: true }) noiseStandardDeviation!: number | null;
}

export class CohortAssignmentStandingDto {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: ReviewerStandingSummaryDto }) summary!: ReviewerStandingSummaryDto;
}

export class CohortReviewerStandingSummaryDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ type: [CohortAssignmentStandingDto], description: 'Assignments with submissions, in course order' })
  assignments!: CohortAssignmentStandingDto[];
  @ApiProperty({ type: [CohortReviewerStandingDto] }) reviewers!: CohortReviewerStandingDto[];
}
