import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { AggregationMethod } from '@app/peer-review';
import { PersonRefDto } from './peer-review.dto';

const METHODS: AggregationMethod[] = ['mean', 'median', 'model'];
export const OVERRIDE_REASON_MAX_LENGTH = 2_000;

export class AssignmentScoringInputDto {
  @ApiProperty({ enum: METHODS, description: 'How reviews become a score; the reviewer model by default' })
  @IsIn(METHODS)
  aggregationMethod!: AggregationMethod;
}

export class AssignmentScoringDto extends AssignmentScoringInputDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ type: Date, nullable: true, description: 'When a facilitator released every score' })
  releasedAt!: Date | null;
}

export class ScoreOverrideInputDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 72.5, description: 'The total out of 100' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  total!: number;

  @ApiProperty({ minLength: 1, maxLength: OVERRIDE_REASON_MAX_LENGTH, example: 'Reviewers missed the second test.' })
  @IsString()
  @MinLength(1)
  @MaxLength(OVERRIDE_REASON_MAX_LENGTH)
  reason!: string;
}

export class CriterionResultDto {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiProperty({ description: 'On the criterion’s scale (levels: their points)' }) score!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The model’s standard deviation; null otherwise' })
  standardDeviation!: number | null;
  @ApiProperty() reviewCount!: number;
  @ApiProperty() needsMoreReviews!: boolean;
}

export class ScoreOverrideDto {
  @ApiProperty() total!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Null once their account is erased' })
  setBy!: PersonRefDto | null;
  @ApiProperty() setAt!: Date;
}

export class FacilitatorScoreDto {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRefDto;
  @ApiProperty() reviewsReceived!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Out of 100: the override, else the aggregate' })
  total!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Out of 100 (model only)' })
  standardDeviation!: number | null;
  @ApiProperty({ type: [CriterionResultDto] }) criteria!: CriterionResultDto[];
  @ApiProperty({ description: 'Short of k reviews, or too uncertain' }) needsMoreReviews!: boolean;
  @ApiProperty({ type: ScoreOverrideDto, nullable: true }) override!: ScoreOverrideDto | null;
  @ApiProperty({ type: [ScoreOverrideDto], description: 'Every override, newest first' })
  history!: ScoreOverrideDto[];
}

export class FacilitatorScorePageDto {
  @ApiProperty({ type: [FacilitatorScoreDto] }) items!: FacilitatorScoreDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page, null on the last one' })
  nextCursor!: string | null;
}

export class MyScoreDto {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ enum: METHODS }) aggregationMethod!: AggregationMethod;
  @ApiProperty({
    description: 'Once I have given m reviews and k are in, the window closed, or a facilitator released',
  })
  released!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Out of 100; null until released' })
  total!: number | null;
  @ApiProperty({ type: Number, nullable: true }) standardDeviation!: number | null;
  @ApiProperty({ type: [CriterionResultDto] }) criteria!: CriterionResultDto[];
  @ApiProperty({ description: 'Set by a facilitator rather than aggregated' }) overridden!: boolean;
  @ApiProperty({ type: String, nullable: true }) overrideReason!: string | null;
}
