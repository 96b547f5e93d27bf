import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
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
import { IsIanaTimeZone } from '@app/core';
import { GROUP_LIMITS, GroupMode, GroupRole, GroupVisibility, MembershipStatus } from '@app/groups';

const L = GROUP_LIMITS;

/** Optional, but when present not null (`@IsOptional` would let null through to a NOT NULL column). */
const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
/** Optional, and null clears the field. */
const Clearable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined && value !== null);

/** Minutes before each meeting that members are emailed a reminder (each at their own local time). */
const ReminderOffsets = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [Number],
      maxItems: L.reminderOffsets,
      example: [1440, 60],
      description:
        `Minutes before each meeting that members are emailed a reminder, each ${L.minReminderOffsetMinutes}` +
        `-${L.maxReminderOffsetMinutes} (a week); [] for none. Default on creation: a day and an hour before.`,
    }),
    Optional(),
    IsArray(),
    ArrayMaxSize(L.reminderOffsets),
    IsInt({ each: true }),
    Min(L.minReminderOffsetMinutes, { each: true }),
    Max(L.maxReminderOffsetMinutes, { each: true }),
  );

const MeetingLink = () =>
  applyDecorators(
    IsUrl(
      { protocols: ['https', 'http'], require_protocol: true },
      { message: '$property must be an http(s) URL such as https://meet.example.org/biogas' },
    ),
    MaxLength(L.meetingLinkLength),
  );

export class SignupQuestionInputDto {
  @ApiPropertyOptional({ description: 'Id of an existing question to keep (and its answers); omit for a new one.' })
  @Optional()
  @IsString()
  @MaxLength(32)
  id?: string;

  @ApiProperty({ example: 'What would you like to build?', maxLength: L.promptLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.promptLength)
  prompt!: string;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @IsBoolean()
  required?: boolean;
}

export class CreateGroupDto {
  @ApiProperty({ example: 'Biogas builders of El Alto', maxLength: L.nameLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.nameLength)
  name!: string;

  @ApiPropertyOptional({ maxLength: L.descriptionLength })
  @Optional()
  @IsString()
  @MaxLength(L.descriptionLength)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A published course version to follow. Or give a topic.' })
  @Optional()
  @IsUUID('all', { message: 'courseVersionId must be a UUID' })
  courseVersionId?: string;

  @ApiPropertyOptional({ example: 'biogas', maxLength: L.topicLength, description: 'A free topic, without a course.' })
  @Optional()
  @IsString()
  @MaxLength(L.topicLength)
  topic?: string;

  @ApiProperty({ example: 'es', description: 'BCP 47 language tag' })
  @IsString()
  @MaxLength(35)
  language!: string;

  @ApiProperty({ example: 'America/La_Paz', description: "IANA time zone of the group's meetings" })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ enum: GroupMode })
  @IsEnum(GroupMode)
  mode!: GroupMode;

  @ApiPropertyOptional({ example: 'https://meet.example.org/biogas', description: 'Online groups; members only' })
  @Optional()
  @MeetingLink()
  meetingLink?: string;

  @ApiPropertyOptional({ example: 'Casa comunal, Villa Adela', maxLength: L.venueLength })
  @Optional()
  @IsString()
  @MaxLength(L.venueLength)
  venue?: string;

  @ApiPropertyOptional({ example: 'El Alto', maxLength: L.cityLength, description: 'In-person groups: required' })
  @Optional()
  @IsString()
  @MaxLength(L.cityLength)
  city?: string;

  @ApiPropertyOptional({ example: 'BO', description: 'ISO 3166-1 alpha-2; in-person groups: required' })
  @Optional()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as BO' })
  country?: string;

  @ApiPropertyOptional({ minimum: -90, maximum: 90 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;

  @ApiProperty({
    minimum: L.minCapacity,
    maximum: L.maxCapacity,
    description: 'Most active people at once, facilitators included (the creator takes the first seat).',
  })
  @IsInt()
  @Min(L.minCapacity)
  @Max(L.maxCapacity)
  capacity!: number;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  signupOpen?: boolean;

  @ApiPropertyOptional({ enum: GroupVisibility, default: GroupVisibility.Public })
  @Optional()
  @IsEnum(GroupVisibility)
  visibility?: GroupVisibility;

  @ApiPropertyOptional({ type: [SignupQuestionInputDto], maxItems: L.signupQuestions })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.signupQuestions)
  @ValidateNested({ each: true })
  @Type(() => SignupQuestionInputDto)
  signupQuestions?: SignupQuestionInputDto[];

  @ReminderOffsets()
  reminderOffsetsMinutes?: number[];
}

/** Every field optional; null clears the ones that may be empty. */
export class UpdateGroupDto {
  @ApiPropertyOptional({ maxLength: L.nameLength })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(L.nameLength)
  name?: string;

  @ApiPropertyOptional({ maxLength: L.descriptionLength })
  @Optional()
  @IsString()
  @MaxLength(L.descriptionLength)
  description?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Setting one drops the free topic',
  })
  @Clearable()
  @IsUUID('all', { message: 'courseVersionId must be a UUID' })
  courseVersionId?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: L.topicLength,
    nullable: true,
    description: 'Setting one drops the course',
  })
  @Clearable()
  @IsString()
  @MaxLength(L.topicLength)
  topic?: string | null;

  @ApiPropertyOptional({ example: 'pt-BR' })
  @Optional()
  @IsString()
  @MaxLength(35)
  language?: string;

  @ApiPropertyOptional({ example: 'Africa/Kigali' })
  @Optional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: GroupMode, description: "Switching clears the other mode's fields" })
  @Optional()
  @IsEnum(GroupMode)
  mode?: GroupMode;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Clearable()
  @MeetingLink()
  meetingLink?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: L.venueLength, nullable: true })
  @Clearable()
  @IsString()
  @MaxLength(L.venueLength)
  venue?: string | null;

  @ApiPropertyOptional({ maxLength: L.cityLength })
  @Optional()
  @IsString()
  @MaxLength(L.cityLength)
  city?: string;

  @ApiPropertyOptional({ example: 'RW' })
  @Optional()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as BO' })
  country?: string;

  @ApiPropertyOptional({ type: Number, minimum: -90, maximum: 90, nullable: true })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, minimum: -180, maximum: 180, nullable: true })
  @Clearable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({
    minimum: L.minCapacity,
    maximum: L.maxCapacity,
    description: 'Not below the active members (400 naming capacity); raising it seats the waitlist at once.',
  })
  @Optional()
  @IsInt()
  @Min(L.minCapacity)
  @Max(L.maxCapacity)
  capacity?: number;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  signupOpen?: boolean;

  @ApiPropertyOptional({ enum: GroupVisibility, description: 'Going private creates an invite code' })
  @Optional()
  @IsEnum(GroupVisibility)
  visibility?: GroupVisibility;

  @ApiPropertyOptional({
    type: [SignupQuestionInputDto],
    maxItems: L.signupQuestions,
    description: 'Replaces the list; keep a question (and its answers) by its id. Answers to dropped questions go.',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(L.signupQuestions)
  @ValidateNested({ each: true })
  @Type(() => SignupQuestionInputDto)
  signupQuestions?: SignupQuestionInputDto[];

  @ReminderOffsets()
  reminderOffsetsMinutes?: number[];
}

export class InviteCodeDto {
  @ApiProperty({ description: 'The secret that lets people see and join a private group.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  inviteCode!: string;
}

// ---- responses ----

export class ZonedTimeViewDto {
  @ApiProperty({ example: 'America/La_Paz' }) zone!: string;
  @ApiProperty({ example: '2026-03-03T18:00', description: 'Local wall-clock time' }) local!: string;
  @ApiProperty({ example: '-04:00' }) offset!: string;
  @ApiProperty({ example: 'Tue, 3 Mar 2026, 18:00 (America/La_Paz)' }) display!: string;
}

export class InstantInZonesDto {
  @ApiProperty({ example: '2026-03-03T22:00:00.000Z' }) utc!: string;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the viewer's profile zone" }) viewer!: ZonedTimeViewDto;
  @ApiProperty({ type: ZonedTimeViewDto, description: "In the group's zone" }) group!: ZonedTimeViewDto;
}

export class SignupQuestionDto {
  @ApiProperty({ example: 'q3f9a1c2b7e' }) id!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty() required!: boolean;
}

export class GroupPlaceDto {
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'BO' }) country!: string | null;
  @ApiProperty({ nullable: true, type: Number }) latitude!: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude!: number | null;
}

export class GroupFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: [GroupRole.Facilitator, GroupRole.CoFacilitator] }) role!: GroupRole;
}

export class OwnMembershipDto {
  @ApiProperty({ enum: GroupRole }) role!: GroupRole;
  @ApiProperty({ enum: MembershipStatus }) status!: MembershipStatus;
  @ApiProperty({ nullable: true, type: Number, description: '1 = next to get a seat; null when active' })
  waitlistPosition!: number | null;
  @ApiProperty({ type: InstantInZonesDto, description: 'When the person joined (or was promoted)' })
  joinedAt!: InstantInZonesDto;
  @ApiProperty({ type: InstantInZonesDto, nullable: true }) waitlistedAt!: InstantInZonesDto | null;
}

export class MemberViewDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: GroupRole }) role!: GroupRole;
  @ApiProperty({ type: InstantInZonesDto }) joinedAt!: InstantInZonesDto;
}

export class RosterEntryDto extends MemberViewDto {
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'By question id' })
  signupAnswers!: Record<string, string>;
}

export class WaitlistEntryDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ example: 1 }) position!: number;
  @ApiProperty({ type: InstantInZonesDto }) waitlistedAt!: InstantInZonesDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) signupAnswers!: Record<string, string>;
}

export class ForMembersDto {
  @ApiProperty({ nullable: true, type: String }) meetingLink!: string | null;
  @ApiProperty({ type: [MemberViewDto], description: 'Active members, facilitators first; no emails' })
  members!: MemberViewDto[];
}

export class ForFacilitatorsDto {
  @ApiProperty({ nullable: true, type: String, description: 'Private groups only' }) inviteCode!: string | null;
  @ApiProperty({ type: [RosterEntryDto] }) roster!: RosterEntryDto[];
  @ApiProperty({ type: [WaitlistEntryDto], description: 'The first 100, in order' }) waitlist!: WaitlistEntryDto[];
  @ApiProperty() waitlistLength!: number;
}

export class GroupDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) courseVersionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) topic!: string | null;
  @ApiProperty({ example: 'es' }) language!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ enum: GroupMode }) mode!: GroupMode;
  @ApiProperty({ type: GroupPlaceDto, nullable: true, description: 'In-person groups only' })
  place!: GroupPlaceDto | null;
  @ApiProperty({ description: 'Most active people at once, facilitators included' }) capacity!: number;
  @ApiProperty({ description: 'Active people now, facilitators included' }) memberCount!: number;
  @ApiProperty() seatsLeft!: number;
  @ApiProperty() waitlistLength!: number;
  @ApiProperty() signupOpen!: boolean;
  @ApiProperty({ enum: GroupVisibility }) visibility!: GroupVisibility;
  @ApiProperty({ type: [SignupQuestionDto] }) signupQuestions!: SignupQuestionDto[];
  @ApiProperty({ type: [Number], example: [1440, 60], description: 'Minutes before each meeting members are reminded' })
  reminderOffsetsMinutes!: number[];
  @ApiProperty({ type: [GroupFacilitatorDto] }) facilitators!: GroupFacilitatorDto[];
  @ApiProperty({ type: InstantInZonesDto }) createdAt!: InstantInZonesDto;
  @ApiProperty({ type: OwnMembershipDto, nullable: true, description: "The viewer's own place, if any" })
  membership!: OwnMembershipDto | null;
  @ApiProperty({ type: ForMembersDto, nullable: true, description: 'Active members only' })
  forMembers!: ForMembersDto | null;
  @ApiProperty({ type: ForFacilitatorsDto, nullable: true, description: 'Facilitators only' })
  forFacilitators!: ForFacilitatorsDto | null;
}
