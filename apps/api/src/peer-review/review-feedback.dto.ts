import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { FEEDBACK_LIMITS as L, ReviewFlagReason } from '@app/peer-review';
import { AuthorFeedbackDto, ReviewViewDto } from './peer-review.dto';

export class ReviewRatingInputDto {
  @ApiProperty({ minimum: L.helpfulnessMin, maximum: L.helpfulnessMax, example: 4, description: 'How helpful' })
  @IsInt()
  @Min(L.helpfulnessMin)
  @Max(L.helpfulnessMax)
  helpfulness!: number;
}

export class ReviewFlagInputDto {
  @ApiProperty({ enum: ReviewFlagReason })
  @IsEnum(ReviewFlagReason)
  reason!: ReviewFlagReason;

  @ApiPropertyOptional({ maxLength: L.flagNoteMaxLength })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(L.flagNoteMaxLength)
  note?: string;
}

export class ReceivedReviewFeedbackDto extends AuthorFeedbackDto {
  @ApiProperty({ type: ReviewViewDto, description: 'The review as I see it (the reviewer hidden under blind modes)' })
  review!: ReviewViewDto;
}
