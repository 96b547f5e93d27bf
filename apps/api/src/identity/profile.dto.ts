import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  InvalidInputError,
  IsIanaTimeZone,
  IsOmittable,
  LOCAL_TIME_PATTERN,
  PlatformRole,
  type FieldProblem,
} from '@app/core';
import { canonicalLanguageTag } from '@app/groups';
import {
  AnnouncementDelivery,
  DigestFrequency,
  ReviewActivityDelivery,
  BadgeDelivery,
  SUPPORTED_LOCALES,
  type Locale,
} from '@app/identity';

/** Enough for any polyglot; cohort grouping tries each. */
export const MAX_PROFILE_LANGUAGES = 10;

/**
 * Languages in canonical BCP 47 form ("ES-bo" becomes "es-BO"), duplicates dropped, order kept. A string that is
 * no language tag is named by its index (`languages.2`), which class-validator cannot do for an array of
 * strings; anything else is left for the validators below to name.
 */
const toLanguageTags = ({ value }: { value: unknown }): unknown => {
  if (!Array.isArray(value)) return value;
  const problems: FieldProblem[] = [];
  const tags = value.map((raw: unknown, i) => {
    if (typeof raw !== 'string') return raw;
    const tag = canonicalLanguageTag(raw.trim());
    if (tag) return tag;
    problems.push({ field: `languages.${i}`, message: `languages.${i} must be a BCP 47 tag such as "es" or "pt-BR"` });
    return raw;
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return [...new Set(tags)];
};

const LOCAL_TIME = { message: '$property must be a local time HH:MM (00:00-24:00)' };
const START_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export class AvailabilityWindowDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '18:00', description: 'Local start time' })
  @Matches(START_TIME, LOCAL_TIME)
  start!: string;

  @ApiProperty({ example: '21:30', description: 'Local end time, after start; 24:00 for midnight' })
  @Matches(LOCAL_TIME_PATTERN, LOCAL_TIME)
  end!: string;
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @Matches(START_TIME, LOCAL_TIME)
  start!: string;

  @ApiProperty({ example: '07:00', description: 'May be earlier than start: the window wraps midnight.' })
  @Matches(START_TIME, LOCAL_TIME)
  end!: string;
}

export class CategorySwitchesDto {
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() reminders?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() reviewActivity?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() announcements?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() badges?: boolean;
}

export class NotificationChangesDto {
  @ApiPropertyOptional({ enum: DigestFrequency })
  @IsOmittable()
  @IsEnum(DigestFrequency)
  digest?: DigestFrequency;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Local hour the digest arrives' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'ISO weekday of the weekly digest' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(7)
  digestWeekday?: number;

  @ApiPropertyOptional({ type: CategorySwitchesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CategorySwitchesDto)
  categories?: CategorySwitchesDto;

  @ApiPropertyOptional({
    enum: AnnouncementDelivery,
    description:
      'How announcements arrive while categories.announcements is on: emailed at once (and left out of the ' +
      'digest), or only in the digest (so not at all while digest is off).',
  })
  // Null is refused, not taken for "not given": the column has no empty value.
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(AnnouncementDelivery)
  announcementDelivery?: AnnouncementDelivery;

  @ApiPropertyOptional({
    enum: ReviewActivityDelivery,
    description:
      'How peer-review activity (review assigned, a review received, score released, reviews due, short of reviews) ' +
      'arrives while categories.reviewActivity is on: emailed at once, or only in the digest. A lease about to ' +
      'expire is always emailed.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(ReviewActivityDelivery)
  reviewActivityDelivery?: ReviewActivityDelivery;

  @ApiPropertyOptional({
    enum: BadgeDelivery,
    description:
      'How "you earned a badge" arrives while categories.badges is on: emailed at once, or as a line in the digest.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(BadgeDelivery)
  badgeDelivery?: BadgeDelivery;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null turns quiet hours off' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  displayName?: string;

  // `type` spelled out: from `string | null` the document would say "object".
  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(2000)
  bio?: string | null;

  @ApiPropertyOptional({ example: 'Asia/Kathmandu' })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOmittable()
  @IsIn(SUPPORTED_LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ type: [AvailabilityWindowDto], maxItems: 28, description: 'Replaces all windows' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(28)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_PROFILE_LANGUAGES,
    example: ['es', 'en'],
    description:
      'BCP 47 tags of the languages you can study in, most preferred first; replaces the list. Cohort grouping ' +
      'matches on them (on your locale while empty).',
  })
  @IsOmittable()
  @Transform(toLanguageTags)
  @IsArray()
  @ArrayMaxSize(MAX_PROFILE_LANGUAGES)
  @IsString({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: NotificationChangesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => NotificationChangesDto)
  notifications?: NotificationChangesDto;
}

export class NotificationSettingsDto {
  @ApiProperty({ enum: DigestFrequency }) digest!: DigestFrequency;
  @ApiProperty() digestHour!: number;
  @ApiProperty() digestWeekday!: number;
  @ApiProperty({ type: CategorySwitchesDto }) categories!: Required<CategorySwitchesDto>;
  @ApiProperty({ enum: AnnouncementDelivery }) announcementDelivery!: AnnouncementDelivery;
  @ApiProperty({ enum: ReviewActivityDelivery }) reviewActivityDelivery!: ReviewActivityDelivery;
  @ApiProperty({ enum: BadgeDelivery }) badgeDelivery!: BadgeDelivery;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours!: QuietHoursDto | null;
}

export class PublicProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) bio!: string | null;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty() createdAt!: Date;
}

export class OwnProfileDto extends PublicProfileDto {
  @ApiProperty() email!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) locale!: Locale;
  @ApiProperty({ enum: PlatformRole }) role!: PlatformRole;
  @ApiProperty({ type: [AvailabilityWindowDto] }) availability!: AvailabilityWindowDto[];
  @ApiProperty({ type: [String], example: ['es', 'en'] }) languages!: string[];
  @ApiProperty({ type: NotificationSettingsDto }) notifications!: NotificationSettingsDto;
}

export class UserPageDto {
  @ApiProperty({ type: [PublicProfileDto] }) items!: PublicProfileDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DeleteAccountDto {
  @ApiPropertyOptional({ description: 'Your current password; required when deleting your own account.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}
