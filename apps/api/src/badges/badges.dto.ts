import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AWARD_RULE_KINDS, type AwardRule, type AwardSource, type NominationStatus } from '@app/badges';

/** Optional, but when present not null. */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
/** Optional, and null clears the field. */
const Clearable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined && value !== null);

export const BADGE_LIMITS = {
  name: 200,
  description: 2_000,
  criteria: 4_000,
  tags: 20,
  tag: 50,
  /** Ten years: longer is "never expires", which is null. */
  validityDays: 3_650,
  endorsementsNeeded: 50,
  recipients: 500,
  evidence: 20,
  narrative: 4_000,
  url: 2_000,
  comment: 2_000,
  reason: 2_000,
} as const;

const L = BADGE_LIMITS;

const RULE_DESCRIPTION =
  'How it is earned automatically; null: by hand and nomination only. `cohort-completed`, `reviews-given` ' +
  '{count ≥ 1, minHelpfulness 1-5} and `submission-scored` {minScore 0-100, assignmentId?} are rules of a cohort’s ' +
  'badges; `meetings-attended` {count ≥ 1} of a group’s.';

/** What an achievement's settings share, whether made or edited: all optional. */
class AchievementSettingsDto {
  @ApiPropertyOptional({ type: [String], maxItems: L.tags, example: ['peer-review'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.tags)
  @IsString({ each: true })
  @MaxLength(L.tag, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: L.validityDays })
  @Clearable()
  @IsInt()
  @Min(1)
  @Max(L.validityDays)
  validityDays?: number | null;

  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: RULE_DESCRIPTION,
    example: { kind: 'reviews-given', count: 5, minHelpfulness: 4 },
  })
  @Clearable()
  @IsObject()
  rule?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: L.endorsementsNeeded,
    description: 'Peer endorsements that award a nomination; null: peers cannot nominate',
  })
  @Clearable()
  @IsInt()
  @Min(1)
  @Max(L.endorsementsNeeded)
  endorsementsNeeded?: number | null;
}

export class AchievementInputDto extends AchievementSettingsDto {
  @ApiProperty({ minLength: 1, maxLength: L.name, example: 'Steady Reviewer' })
  @IsString()
  @MinLength(1)
  @MaxLength(L.name)
  name!: string;

  @ApiProperty({ maxLength: L.description, example: 'Gave careful reviews all cohort long.' })
  @IsString()
  @MaxLength(L.description)
  description!: string;

  @ApiProperty({ maxLength: L.criteria, example: 'Give five reviews rated at least 4 of 5 on average.' })
  @IsString()
  @MaxLength(L.criteria)
  criteria!: string;
}

// A sibling of the input, not its parent: inherited `ValidateIf`s would skip the input's required checks.
export class AchievementChangesDto extends AchievementSettingsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.name, example: 'Steady Reviewer' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(L.name)
  name?: string;

  @ApiPropertyOptional({ maxLength: L.description, example: 'Gave careful reviews all cohort long.' })
  @Optional()
  @IsString()
  @MaxLength(L.description)
  description?: string;

  @ApiPropertyOptional({ maxLength: L.criteria, description: 'How it is earned, in words (the credential’s criteria)' })
  @Optional()
  @IsString()
  @MaxLength(L.criteria)
  criteria?: string;
}

class ScopeDto {
  @ApiProperty({ enum: ['cohort', 'group', 'platform'] }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id!: string | null;
}

export class AchievementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) issuerId!: string;
  @ApiProperty({ type: ScopeDto }) scope!: ScopeDto;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() criteria!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: Number, nullable: true }) validityDays!: number | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: `One of ${AWARD_RULE_KINDS.join(', ')}`,
  })
  rule!: AwardRule | null;
  @ApiProperty({ type: Number, nullable: true }) endorsementsNeeded!: number | null;
  @ApiProperty({ description: 'The public Achievement document' }) url!: string;
  @ApiProperty() imageUrl!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) archivedAt!: Date | null;
}

export class EvidenceDto {
  @ApiPropertyOptional({ maxLength: L.narrative, example: 'Led the digester build on 12 May.' })
  @Optional()
  @IsString()
  @MaxLength(L.narrative)
  narrative?: string;

  @ApiPropertyOptional({ maxLength: L.url, example: 'https://example.org/photos/digester' })
  @Optional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(L.url)
  url?: string;

  @ApiPropertyOptional({ maxLength: L.name, example: 'Build log' })
  @Optional()
  @IsString()
  @MaxLength(L.name)
  name?: string;
}

export class AwardInputDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: L.recipients })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.recipients)
  @IsUUID('all', { each: true })
  recipientIds!: string[];

  @ApiPropertyOptional({ type: [EvidenceDto], maxItems: L.evidence })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.evidence)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class AwardOutcomeDto {
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId!: string | null;
  @ApiProperty({
    enum: ['issued', 'held', 'no-email'],
    description: '`held`: they already had it; `no-email`: erased, nothing issued',
  })
  outcome!: string;
}

export class AwardOutcomesDto {
  @ApiProperty({ type: [AwardOutcomeDto] }) results!: AwardOutcomeDto[];
}

class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class AwardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: PersonDto, nullable: true, description: 'Null once erased' }) recipient!: PersonDto | null;
  @ApiProperty({ enum: ['rule', 'facilitator', 'nomination'] }) source!: AwardSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardedBy!: string | null;
  @ApiProperty() issuedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) validUntil!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
  @ApiProperty() credentialUrl!: string;
}

export class ReasonDto {
  @ApiProperty({ minLength: 1, maxLength: L.reason, example: 'Awarded to the wrong person.' })
  @IsString()
  @MinLength(1)
  @MaxLength(L.reason)
  reason!: string;
}

export class NominationInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  nomineeId!: string;

  @ApiProperty({ minLength: 1, maxLength: L.comment, example: 'Ran every meeting when our facilitator was away.' })
  @IsString()
  @MinLength(1)
  @MaxLength(L.comment)
  comment!: string;
}

export class EndorsementInputDto {
  @ApiPropertyOptional({ maxLength: L.comment, example: 'Seconded: she explained the rubric to all of us.' })
  @Optional()
  @IsString()
  @MaxLength(L.comment)
  comment?: string;
}

const STATUSES: NominationStatus[] = ['open', 'awarded', 'declined'];

export class NominationQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @Optional()
  @IsIn(STATUSES)
  status?: NominationStatus;
}

export class NominationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty() achievementName!: string;
  @ApiProperty({ type: PersonDto }) nominee!: PersonDto;
  @ApiProperty({ type: PersonDto }) nominator!: PersonDto;
  @ApiProperty() comment!: string;
  @ApiProperty({ enum: STATUSES }) status!: NominationStatus;
  @ApiProperty() endorsements!: number;
  @ApiProperty({ type: Number, nullable: true }) endorsementsNeeded!: number | null;
  @ApiProperty({ description: 'You endorsed it' }) endorsedByMe!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) awardId!: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
}
