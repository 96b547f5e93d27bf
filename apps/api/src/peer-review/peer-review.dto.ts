import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REVIEW_LIMITS, ReviewFlagReason, ReviewStatus, SUBMISSION_LIMITS as L } from '@app/peer-review';
import { AttachmentDto } from './attachments.dto';

/** Optional, but when present not null. */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
const FINITE = { allowNaN: false, allowInfinity: false };

export class PeerReviewSettingsInputDto {
  @ApiProperty({ description: 'Take submissions after a learner’s own due date (flagged late), or refuse them' })
  @IsBoolean()
  lateSubmissions!: boolean;

  @ApiProperty({ minimum: 0, maximum: 60, example: 3, description: 'Local days after each learner’s due date' })
  @IsInt()
  @Min(0)
  @Max(60)
  reviewWindowDays!: number;

  @ApiPropertyOptional({
    description:
      'Never hand a reviewer work by a member of their own cohort group (default off); left out, it keeps its value',
  })
  @Optional()
  @IsBoolean()
  excludeOwnGroup?: boolean;
}

export class PeerReviewSettingsDto extends PeerReviewSettingsInputDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ description: 'Never hand a reviewer work by a member of their own cohort group' })
  declare excludeOwnGroup: boolean;
}

export class SubmissionInputDto {
  @ApiProperty({ maxLength: L.bodyMaxLength, example: 'I sealed the tube with **two** clamps.' })
  @IsString()
  @MaxLength(L.bodyMaxLength)
  body!: string;

  @ApiPropertyOptional({ type: [String], maxItems: L.linksMax, example: ['https://example.org/photo.jpg'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.linksMax)
  @IsString({ each: true })
  @MaxLength(L.linkMaxLength, { each: true })
  links?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: L.attachmentsMax,
    description:
      'Ids of my uploads (POST .../attachments) to attach to this version, in order; each is bound to it for good ' +
      '(PEER_REVIEW_ATTACHMENTS_PER_VERSION at most)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.attachmentsMax)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class SubmittedVersionDto {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ description: 'Handed in after the learner’s own due date' }) late!: boolean;
}

export class CriterionScoreDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  criterionId!: string;

  @ApiPropertyOptional({ description: 'Level criteria: the label of one of its levels', maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  level?: string;

  @ApiPropertyOptional({ description: 'Scale criteria: a number within its scale' })
  @Optional()
  @IsNumber(FINITE)
  value?: number;

  @ApiPropertyOptional({ maxLength: REVIEW_LIMITS.commentMaxLength })
  @Optional()
  @IsString()
  @MaxLength(REVIEW_LIMITS.commentMaxLength)
  comment?: string;
}

export class ReviewDraftDto {
  @ApiProperty({ type: [CriterionScoreDto], description: 'A draft may leave criteria out; submitting needs them all' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiPropertyOptional({ maxLength: REVIEW_LIMITS.overallMaxLength })
  @Optional()
  @IsString()
  @MaxLength(REVIEW_LIMITS.overallMaxLength)
  overallComment?: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
}

export class SubmissionVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Markdown as written' }) body!: string;
  @ApiProperty({ description: 'Sanitized HTML of body' }) bodyHtml!: string;
  @ApiProperty({ type: [String] }) links!: string[];
  @ApiProperty() late!: boolean;
  @ApiProperty() submittedAt!: Date;
  @ApiProperty({ type: [AttachmentDto], description: 'Files of this version, in order' })
  attachments!: AttachmentDto[];
}

export class CriterionScoreViewDto {
  @ApiProperty({ format: 'uuid' }) criterionId!: string;
  @ApiPropertyOptional() level?: string;
  @ApiPropertyOptional() value?: number;
  @ApiPropertyOptional() comment?: string;
}

export class ReviewViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ format: 'uuid', description: 'The submission version this review is of' }) versionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ReviewStatus }) status!: ReviewStatus;
  @ApiProperty() leaseExpiresAt!: Date;
  @ApiProperty({ type: [CriterionScoreViewDto], nullable: true }) scores!: CriterionScoreViewDto[] | null;
  @ApiProperty({ type: String, nullable: true }) overallComment!: string | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ description: 'Written by a facilitator' }) staff!: boolean;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Null where anonymity hides the reviewer' })
  reviewer!: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Null where anonymity hides the author' })
  author!: PersonRefDto | null;
}

export class ReviewAssignmentDto extends ReviewViewDto {
  @ApiProperty({ type: SubmissionVersionDto, description: 'The version under review' })
  submission!: SubmissionVersionDto;
}

export class ReviewFlagDto {
  @ApiProperty({ enum: ReviewFlagReason }) reason!: ReviewFlagReason;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() flaggedAt!: Date;
}

/** The author's own rating and flag of a review they received. */
export class AuthorFeedbackDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, description: 'My helpfulness rating' })
  helpfulness!: number | null;
  @ApiProperty({ type: ReviewFlagDto, nullable: true, description: 'My flag, if I flagged the review' })
  flag!: ReviewFlagDto | null;
}

export class ReceivedReviewDto extends ReviewViewDto {
  @ApiProperty({ type: AuthorFeedbackDto, description: 'My own rating and flag of this review (only I see them)' })
  myFeedback!: AuthorFeedbackDto;
}

export class MySubmissionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ description: 'My own due date, extension included' }) dueAt!: Date;
  @ApiProperty() reviewClosesAt!: Date;
  @ApiProperty({ type: [SubmissionVersionDto] }) versions!: SubmissionVersionDto[];
  @ApiProperty({ description: 'k' }) reviewsNeeded!: number;
  @ApiProperty() reviewsReceived!: number;
  @ApiProperty({ description: 'm' }) reviewsToGive!: number;
  @ApiProperty() reviewsGiven!: number;
  @ApiProperty({ description: 'Once I have given m reviews and k are in, or the window closed' })
  reviewsReleased!: boolean;
  @ApiProperty({ type: [ReceivedReviewDto] }) reviews!: ReceivedReviewDto[];
}

export class FacilitatorSubmissionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonRefDto }) author!: PersonRefDto;
  @ApiProperty() dueAt!: Date;
  @ApiProperty() reviewClosesAt!: Date;
  @ApiProperty({ type: SubmissionVersionDto }) latestVersion!: SubmissionVersionDto;
  @ApiProperty() reviewsReceived!: number;
  @ApiProperty({ type: [ReviewViewDto] }) reviews!: ReviewViewDto[];
}

export class FacilitatorSubmissionPageDto {
  @ApiProperty({ type: [FacilitatorSubmissionDto] }) items!: FacilitatorSubmissionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page, null on the last one' })
  nextCursor!: string | null;
}
