import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEnum,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsIanaTimeZone, PageQueryDto } from '@app/core';
import { GroupMode } from '@app/groups';

/** Query strings carry text: only these spellings are booleans, anything else fails validation by name. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A decimal number, or the text left as it was so @IsNumber names the field ("" is not 0). */
const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^[-+]?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;

/** The canonical form of a BCP 47 tag ("PT-br" → "pt-BR"), or the text as it was so @Matches names the field. */
const toLanguageTag = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string' || value.length > 35) return value;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? value;
  } catch {
    return value;
  }
};

const FINITE = { allowNaN: false, allowInfinity: false };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const hasPlace = (o: GroupSearchQueryDto): boolean =>
  o.lat !== undefined || o.lon !== undefined || o.radiusKm !== undefined;

export class GroupSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: 200,
    example: 'biogas digester',
    description: 'Words in the name, topic or description. Every word must occur; words of 3+ letters as prefixes.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'biogas', description: "The group's topic, or a topic of the course it runs" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  topic?: string;

  @ApiPropertyOptional({ example: 'es', description: 'BCP 47 tag; "es" also finds groups in "es-BO"' })
  @IsOptional()
  @Transform(toLanguageTag)
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a BCP 47 tag such as "es" or "pt-BR"' })
  language?: string;

  @ApiPropertyOptional({ enum: GroupMode })
  @IsOptional()
  @IsEnum(GroupMode)
  mode?: GroupMode;

  @ApiPropertyOptional({ minimum: -90, maximum: 90, description: 'With lon and radiusKm: groups meeting nearby' })
  @ValidateIf(hasPlace)
  @IsDefined({ message: 'lat is required with lon and radiusKm' })
  @Transform(toNumber)
  @IsNumber(FINITE, { message: 'lat must be a number' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @ValidateIf(hasPlace)
  @IsDefined({ message: 'lon is required with lat and radiusKm' })
  @Transform(toNumber)
  @IsNumber(FINITE, { message: 'lon must be a number' })
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiPropertyOptional({ minimum: 0.1, maximum: 500, description: 'Kilometres around lat, lon' })
  @ValidateIf(hasPlace)
  @IsDefined({ message: 'radiusKm is required with lat and lon' })
  @Transform(toNumber)
  @IsNumber(FINITE, { message: 'radiusKm must be a number' })
  @Min(0.1)
  @Max(500)
  radiusKm?: number;

  @ApiPropertyOptional({ description: 'Only groups with a free seat' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'openSeats must be true or false' })
  openSeats?: boolean;

  @ApiPropertyOptional({
    description:
      'Only groups whose every upcoming meeting falls inside your available hours: `availability` (in `timeZone`) ' +
      "when given, which is required without an account; otherwise your profile's availability, in your profile zone.",
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'fitsMyDay must be true or false' })
  fitsMyDay?: boolean;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'First meeting on or after this day (your zone)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startsFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsFrom must be a date YYYY-MM-DD' })
  startsFrom?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'First meeting on or before this day (your zone)' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'startsTo must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsTo must be a date YYYY-MM-DD' })
  startsTo?: string;

  @ApiPropertyOptional({
    example: 'mon:08:00-12:00,wed:18:00-24:00',
    maxLength: 600,
    description:
      'Your weekly available hours for `fitsMyDay`: comma-separated `day:HH:MM-HH:MM` windows (days `mon` to `sun`, ' +
      '`24:00` for the end of the day), local to `timeZone` (required with it when you are not signed in).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(600)
  availability?: string;

  @ApiPropertyOptional({
    example: 'Africa/Kigali',
    description:
      "Zone to show times, read dates and read `availability` in; your profile's zone by default (UTC without an " +
      'account).',
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class GroupTownQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'La P', description: 'The start of a town’s name, any case' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q!: string;
}

export class GroupTownDto {
  @ApiProperty({ example: 'La Paz' }) city!: string;
  @ApiProperty({ type: String, nullable: true, example: 'BO', description: 'ISO 3166-1 alpha-2' })
  country!: string | null;
  @ApiProperty({ example: -16.5, description: 'The middle of the groups’ points there' }) latitude!: number;
  @ApiProperty({ example: -68.15 }) longitude!: number;
  @ApiProperty({ example: 3, description: 'Public groups meeting there' }) groups!: number;
}

export class GroupTownListDto {
  @ApiProperty({ type: [GroupTownDto] }) items!: GroupTownDto[];
}

export class PublicGroupQueryDto {
  @ApiPropertyOptional({
    example: 'Asia/Kathmandu',
    description: "Zone of the next meeting's `viewer` time; your profile's zone by default (UTC without an account).",
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class DiscoveryZonedTimeDto {
  @ApiProperty({ example: 'Africa/Kigali' }) zone!: string;
  @ApiProperty({ example: '2026-03-04T00:00', description: 'Local wall-clock time' }) local!: string;
  @ApiProperty({ example: '+02:00' }) offset!: string;
  @ApiProperty({ example: 'Wed, Mar 4, 2026, 00:00 (Africa/Kigali)' }) display!: string;
}

export class DiscoveredMeetingDto {
  @ApiProperty({ example: '2026-03-03T22:00:00.000Z' }) utc!: string;
  @ApiProperty({ type: DiscoveryZonedTimeDto, description: "In your zone (your profile's, or ?timeZone=)" })
  viewer!: DiscoveryZonedTimeDto;
  @ApiProperty({ type: DiscoveryZonedTimeDto, description: "In the group's zone" }) group!: DiscoveryZonedTimeDto;
  @ApiProperty({ example: 90 }) durationMinutes!: number;
}

export class DiscoveredCourseDto {
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() title!: string;
}

export class DiscoveredGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The start of the description' }) summary!: string;
  @ApiProperty({ nullable: true, type: String }) topic!: string | null;
  @ApiProperty({ nullable: true, type: DiscoveredCourseDto }) course!: DiscoveredCourseDto | null;
  @ApiProperty({ example: 'es' }) language!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ enum: GroupMode }) mode!: GroupMode;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'BO' }) country!: string | null;
  @ApiProperty() capacity!: number;
  @ApiProperty() memberCount!: number;
  @ApiProperty() seatsLeft!: number;
  @ApiProperty() signupOpen!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstMeetingAt!: Date | null;
  @ApiProperty({ nullable: true, type: DiscoveredMeetingDto, description: 'The next scheduled meeting' })
  nextMeeting!: DiscoveredMeetingDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Only when searching near a point' })
  distanceKm!: number | null;
}

export class GroupSearchPageDto {
  @ApiProperty({ type: [DiscoveredGroupDto] }) items!: DiscoveredGroupDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
