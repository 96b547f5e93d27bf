import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { CohortRole, DeadlineMode, EnrollmentMode, EnrollmentStatus } from '@app/cohorts';

export class EnrollDto {
  @ApiPropertyOptional({
    description:
      'The code of an invite link: required for invite-only cohorts; in approval-mode cohorts it skips approval.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  inviteCode?: string;
}

export class CohortInviteCodeDto {
  @ApiProperty({ description: 'The code of a cohort invite link.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  inviteCode!: string;
}

export class AddFacilitatorDto {
  @ApiProperty({ format: 'uuid', description: 'An existing account; a learner of the cohort is converted.' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

export class CohortRosterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EnrollmentStatus, description: 'Only learners with this status.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsEnum(EnrollmentStatus)
  status?: EnrollmentStatus;
}

// ---- responses ----

export class EnrollmentDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: CohortRole }) role!: CohortRole;
  @ApiProperty({ enum: EnrollmentStatus, description: 'active, or pending a facilitator’s approval' })
  status!: EnrollmentStatus;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) statusChangedAt!: Date;
}

export class PendingRequestDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
}

export class PendingRequestPageDto {
  @ApiProperty({ type: [PendingRequestDto] }) items!: PendingRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class CohortRosterEntryDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: EnrollmentStatus }) status!: EnrollmentStatus;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When they became active' })
  enrolledAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) statusChangedAt!: Date;
  @ApiProperty({ description: 'Wants to be placed in a study group' }) groupingOptIn!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Their study group in the cohort' })
  groupId!: string | null;
}

export class CohortRosterPageDto {
  @ApiProperty({ type: [CohortRosterEntryDto] }) items!: CohortRosterEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class InvitationFacilitatorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
}

export class InvitationPlaceDto {
  @ApiProperty({ enum: CohortRole }) role!: CohortRole;
  @ApiProperty({ enum: EnrollmentStatus }) status!: EnrollmentStatus;
}

/** The public face of the cohort behind an invite code. */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) courseVersionId!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ example: '2026-03-02', description: 'Local date in the cohort’s zone' }) startDate!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ enum: EnrollmentMode }) enrollmentMode!: EnrollmentMode;
  @ApiProperty({ enum: DeadlineMode }) deadlineMode!: DeadlineMode;
  @ApiProperty() capacity!: number;
  @ApiProperty() seatsLeft!: number;
  @ApiProperty({ type: [InvitationFacilitatorDto] }) facilitators!: InvitationFacilitatorDto[];
  @ApiProperty({ type: InvitationPlaceDto, nullable: true, description: 'The viewer’s own place, if any' })
  membership!: InvitationPlaceDto | null;
}

export class RotatedInviteDto {
  @ApiProperty({ description: 'The new code: links with the old one stop working.' }) inviteCode!: string;
  @ApiProperty({ example: 'https://commonplace.example.org/cohorts/5b1.../join?code=...' }) inviteLink!: string;
}
