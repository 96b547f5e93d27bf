import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CalibrationReviewStatus, REVIEW_LIMITS, SUBMISSION_LIMITS } from '@app/peer-review';
import { CriterionScoreDto, CriterionScoreViewDto, PersonRefDto, ReviewAssignmentDto } from './peer-review.dto';

export class CalibrationItemInputDto {
  @ApiProperty({ maxLength: SUBMISSION_LIMITS.bodyMaxLength, description: 'The example submission, in Markdown' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SUBMISSION_LIMITS.bodyMaxLength)
  body!: string;

  @ApiProperty({
    type: [CriterionScoreDto],
    description: 'The reference review: every criterion scored (a level, or a number in its scale) and commented',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiProperty({ maxLength: REVIEW_LIMITS.overallMaxLength, description: 'Shown to learners after their review' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REVIEW_LIMITS.overallMaxLength)
  overallComment!: string;
}

export class CalibrationItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Learners get the items in this order', example: 1 }) position!: number;
  @ApiProperty() body!: string;
  @ApiProperty({ description: 'Sanitized HTML of body' }) bodyHtml!: string;
  @ApiProperty({ type: [CriterionScoreViewDto] }) referenceScores!: CriterionScoreViewDto[];
  @ApiProperty() referenceComment!: string;
  @ApiProperty({ description: 'Submitted learner reviews; from the first one, the item no longer changes' })
  reviewsSubmitted!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CriterionComparisonDto {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: CriterionScoreViewDto }) given!: CriterionScoreViewDto;
  @ApiProperty({ type: CriterionScoreViewDto }) reference!: CriterionScoreViewDto;
  @ApiProperty({ description: 'On the criterion’s scale (a level counts its points)' }) givenPoints!: number;
  @ApiProperty() referencePoints!: number;
  @ApiProperty({ description: 'givenPoints − referencePoints' }) difference!: number;
  @ApiProperty({ enum: ['close', 'higher', 'lower'], description: 'Close: within a tenth of the criterion’s range' })
  agreement!: 'close' | 'higher' | 'lower';
}

export class CalibrationComparisonDto {
  @ApiProperty({ type: [CriterionComparisonDto] }) criteria!: CriterionComparisonDto[];
  @ApiProperty() closeCount!: number;
  @ApiProperty({ example: 'Your scores are close to the reference on 1 of 2 criteria. “Care”: higher (+3 points).' })
  summary!: string;
}

export class CalibrationItemBodyDto {
  @ApiProperty() body!: string;
  @ApiProperty() bodyHtml!: string;
}

export class CalibrationReviewDto {
  @ApiProperty({ enum: ['calibration'] }) kind!: 'calibration';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty({ description: 'This item’s place (1-based) among the assignment’s calibration items' })
  position!: number;
  @ApiProperty() itemCount!: number;
  @ApiProperty({ type: CalibrationItemBodyDto }) item!: CalibrationItemBodyDto;
  @ApiProperty({ enum: CalibrationReviewStatus }) status!: CalibrationReviewStatus;
  @ApiProperty({ type: [CriterionScoreViewDto], nullable: true }) scores!: CriterionScoreViewDto[] | null;
  @ApiProperty({ type: String, nullable: true }) overallComment!: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: CalibrationComparisonDto, nullable: true, description: 'Once submitted' })
  comparison!: CalibrationComparisonDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reference’s overall comment, once submitted' })
  referenceComment!: string | null;
}

export class PeerNextReviewDto extends ReviewAssignmentDto {
  @ApiProperty({ enum: ['peer'] }) kind!: 'peer';
}

export class CalibrationResultReviewDto {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() position!: number;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ type: CalibrationComparisonDto }) comparison!: CalibrationComparisonDto;
}

export class CalibrationResultDto {
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Null once the account is erased' })
  reviewer!: PersonRefDto | null;
  @ApiProperty() itemCount!: number;
  @ApiProperty({ type: [CalibrationResultReviewDto] }) reviews!: CalibrationResultReviewDto[];
}
