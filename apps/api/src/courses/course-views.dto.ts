import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Anonymity, CourseLicense } from '@app/courses';

export class RubricLevelViewDto {
  @ApiProperty() label!: string;
  @ApiProperty() points!: number;
}

export class RubricScaleViewDto {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class RubricCriterionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty() weight!: number;
  @ApiPropertyOptional({ type: [RubricLevelViewDto] }) levels?: RubricLevelViewDto[];
  @ApiPropertyOptional({ type: RubricScaleViewDto }) scale?: RubricScaleViewDto;
}

export class ReviewSettingsViewDto {
  @ApiProperty() reviewsPerSubmission!: number;
  @ApiProperty() reviewsPerLearner!: number;
  @ApiProperty({ enum: Anonymity }) anonymity!: Anonymity;
}

export class AssignmentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown as written' }) instructions!: string;
  @ApiProperty({ description: 'Sanitized HTML' }) instructionsHtml!: string;
  @ApiProperty({ type: [RubricCriterionViewDto] }) rubric!: RubricCriterionViewDto[];
  @ApiProperty({ type: ReviewSettingsViewDto }) review!: ReviewSettingsViewDto;
}

export class CourseModuleViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown as written' }) content!: string;
  @ApiProperty({ description: 'Sanitized HTML' }) contentHtml!: string;
  @ApiProperty({ type: [AssignmentViewDto] }) assignments!: AssignmentViewDto[];
}

export class AttributionDto {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
}

export class VersionRefDto {
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
}

class CourseContentViewDto {
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'Markdown as written' }) description!: string;
  @ApiProperty({ description: 'Sanitized HTML' }) descriptionHtml!: string;
  @ApiProperty({ example: 'es-BO' }) language!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty({ type: [CourseModuleViewDto] }) modules!: CourseModuleViewDto[];
  @ApiProperty({ type: [AttributionDto], description: 'Works this course derives from, nearest first' })
  attributions!: AttributionDto[];
}

export class LatestVersionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() publishedAt!: Date;
}

export class CourseDraftDto extends CourseContentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ type: VersionRefDto, nullable: true }) forkedFrom!: VersionRefDto | null;
  @ApiProperty({ type: LatestVersionRefDto, nullable: true }) latestVersion!: LatestVersionRefDto | null;
  @ApiProperty({ description: 'False when the draft is exactly the latest published version' })
  hasUnpublishedChanges!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CourseVersionDto extends CourseContentViewDto {
  @ApiProperty({ format: 'uuid', description: 'The version id: what groups and cohorts pin' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() publishedAt!: Date;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ type: VersionRefDto, nullable: true }) forkedFrom!: VersionRefDto | null;
  @ApiProperty({ description: "The course's newest version number; greater than number when superseded" })
  latestVersionNumber!: number;
  @ApiProperty({ description: "The author's notes on this version (what changed), plain text; '' when none" })
  notes!: string;
}

export class CourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() publishedAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) forkedFromVersionId!: string | null;
}

export class CourseSummaryPageDto {
  @ApiProperty({ type: [CourseSummaryDto] }) items!: CourseSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty() publishedAt!: Date;
  @ApiProperty({ description: "The author's notes on this version, plain text; '' when none" }) notes!: string;
}

export class VersionSummaryPageDto {
  @ApiProperty({ type: [VersionSummaryDto] }) items!: VersionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class VersionNumberRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
}

export class OwnCourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty({ type: VersionNumberRefDto, nullable: true }) latestVersion!: VersionNumberRefDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) forkedFromVersionId!: string | null;
  @ApiProperty() hasUnpublishedChanges!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class OwnCourseSummaryPageDto {
  @ApiProperty({ type: [OwnCourseSummaryDto] }) items!: OwnCourseSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AncestorDto {
  @ApiProperty({ description: '1 for the version this course was forked from, 2 for its source, ...' })
  depth!: number;
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty() authorName!: string;
  @ApiProperty() publishedAt!: Date;
}

export class ForkDto {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CourseLicense }) license!: CourseLicense;
  @ApiProperty() authorName!: string;
  @ApiProperty({ format: 'uuid' }) latestVersionId!: string;
  @ApiProperty() latestVersionNumber!: number;
  @ApiProperty({ format: 'uuid' }) forkedFromVersionId!: string;
  @ApiProperty() forkedFromVersionNumber!: number;
  @ApiProperty({ description: 'Published courses descending from this fork, at any depth' }) descendants!: number;
}

export class LineageDto {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ type: [AncestorDto], description: 'Nearest first' }) ancestors!: AncestorDto[];
  @ApiProperty({ type: [ForkDto], description: 'Direct published forks, most descendants first (at most 100)' })
  forks!: ForkDto[];
  @ApiProperty({ description: 'All direct published forks' }) forkCount!: number;
}
