import { ApiProperty } from '@nestjs/swagger';
import { CohortRole, DeadlineMode, EnrollmentMode, EnrollmentStatus } from '@app/cohorts';

export class MyCohortDto {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: "The course version's title" }) courseTitle!: string;
  @ApiProperty({ example: '2026-03-02', description: "Day 0, in the cohort's zone" }) startDate!: string;
  @ApiProperty({ example: 'America/La_Paz' }) timeZone!: string;
  @ApiProperty({ enum: EnrollmentMode }) enrollmentMode!: EnrollmentMode;
  @ApiProperty({ enum: DeadlineMode }) deadlineMode!: DeadlineMode;
  @ApiProperty({ enum: CohortRole }) role!: CohortRole;
  @ApiProperty({ enum: EnrollmentStatus }) status!: EnrollmentStatus;
  @ApiProperty({ type: String, format: 'date-time', description: 'When I asked to join (or was added)' })
  requestedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When I completed it' })
  completedAt!: Date | null;
}

export class MyCohortPageDto {
  @ApiProperty({ type: [MyCohortDto] }) items!: MyCohortDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
