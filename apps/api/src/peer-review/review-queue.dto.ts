import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { QueueReason, ReviewFlagReason } from '@app/peer-review';
import { CriterionScoreViewDto, PersonRefDto } from './peer-review.dto';

export class ShortSubmissionDto {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRefDto;
  @ApiProperty() reviewClosesAt!: Date;
  @ApiProperty({
    enum: QueueReason,
    description: 'Fewer than k counted reviews, or k that leave the reviewer model too unsure of the score',
  })
  reason!: QueueReason;
  @ApiProperty({ description: 'k, or k + 1 for an uncertain score' }) reviewsNeeded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The total’s standard deviation (of 100), if uncertain' })
  standardDeviation!: number | null;
  @ApiProperty({ description: 'Submitted and not removed' }) reviewsReceived!: number;
  @ApiProperty({ description: 'Leases still running (handed by hand, or staff)' }) openLeases!: number;
}

export class FlaggedReviewDto {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Null once the account is erased' })
  reviewer!: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRefDto;
  @ApiProperty() staff!: boolean;
  @ApiProperty({ type: [CriterionScoreViewDto], nullable: true }) scores!: CriterionScoreViewDto[] | null;
  @ApiProperty({ type: String, nullable: true }) overallComment!: string | null;
  @ApiProperty({ enum: ReviewFlagReason }) reason!: ReviewFlagReason;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() flaggedAt!: Date;
  @ApiProperty({ type: Number, nullable: true }) helpfulness!: number | null;
}

export class ReviewQueueDto {
  @ApiProperty({
    type: [ShortSubmissionDto],
    description: 'Window closed with fewer than k reviews, or with a score the reviewer model is too unsure of',
  })
  shortOfReviews!: ShortSubmissionDto[];
  @ApiProperty({ type: [FlaggedReviewDto], description: 'Open flags on reviews still counted' })
  flaggedReviews!: FlaggedReviewDto[];
}

export class RemoveReviewInputDto {
  @ApiProperty({ maxLength: 2000, example: 'Insults the author.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AssignReviewerInputDto {
  @ApiProperty({ format: 'uuid', description: 'An active learner of the cohort (not the author)' })
  @ValidateIf((o: AssignReviewerInputDto) => o.staff !== true)
  @IsUUID()
  reviewerId?: string;

  @ApiProperty({ required: false, description: 'Review it myself (a staff review) instead of handing it on' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  staff?: boolean;
}
