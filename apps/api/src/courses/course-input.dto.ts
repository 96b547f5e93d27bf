import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@app/core';
import { Anonymity, COURSE_LIMITS as L, CourseLicense } from '@app/courses';

// Shapes, types and sizes are checked here; rules across fields (levels or a scale, min < max, unique labels and
// ids, reviews per learner >= per submission, a known language) in the courses domain, which names fields alike.

const FINITE = { allowNaN: false, allowInfinity: false };
const ID_DESCRIPTION =
  'Stable id: send it back to keep it across edits and versions; omit it and the server assigns one.';

export class RubricLevelDto {
  @ApiProperty({ example: 'Works as built', maxLength: L.levelLabelLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.levelLabelLength)
  label!: string;

  @ApiProperty({ example: 3, minimum: -L.scoreBound, maximum: L.scoreBound })
  @IsNumber(FINITE)
  @Min(-L.scoreBound)
  @Max(L.scoreBound)
  points!: number;
}

export class RubricScaleDto {
  @ApiProperty({ example: 0, minimum: -L.scoreBound, maximum: L.scoreBound })
  @IsNumber(FINITE)
  @Min(-L.scoreBound)
  @Max(L.scoreBound)
  min!: number;

  @ApiProperty({ example: 10, minimum: -L.scoreBound, maximum: L.scoreBound, description: 'Greater than min.' })
  @IsNumber(FINITE)
  @Min(-L.scoreBound)
  @Max(L.scoreBound)
  max!: number;
}

export class RubricCriterionDto {
  @ApiPropertyOptional({ format: 'uuid', description: ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Gas-tight seal', maxLength: L.titleLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title!: string;

  @ApiPropertyOptional({ maxLength: L.criterionDescriptionLength })
  @IsOptional()
  @IsString()
  @MaxLength(L.criterionDescriptionLength)
  description?: string;

  @ApiProperty({ example: 1, exclusiveMinimum: true, minimum: 0, maximum: L.maxWeight, description: 'Relative weight' })
  @IsNumber(FINITE)
  @Min(Number.MIN_VALUE, { message: 'weight must be greater than 0' })
  @Max(L.maxWeight)
  weight!: number;

  @ApiPropertyOptional({
    type: [RubricLevelDto],
    maxItems: L.levels,
    description: 'Named levels with points. Give either levels or scale, not both.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.levels)
  @ValidateNested({ each: true })
  @Type(() => RubricLevelDto)
  levels?: RubricLevelDto[];

  @ApiPropertyOptional({ type: RubricScaleDto, description: 'A numeric scale. Give either levels or scale.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RubricScaleDto)
  scale?: RubricScaleDto;
}

export class ReviewSettingsDto {
  @ApiProperty({ minimum: 1, maximum: L.maxReviews, example: 2, description: 'Reviews each submission needs' })
  @IsInt()
  @Min(1)
  @Max(L.maxReviews)
  reviewsPerSubmission!: number;

  @ApiProperty({
    minimum: 1,
    maximum: L.maxReviews,
    example: 3,
    description: 'Reviews each learner must give; at least reviewsPerSubmission',
  })
  @IsInt()
  @Min(1)
  @Max(L.maxReviews)
  reviewsPerLearner!: number;

  @ApiProperty({ enum: Anonymity, example: Anonymity.DoubleBlind })
  @IsEnum(Anonymity)
  anonymity!: Anonymity;
}

export class AssignmentDto {
  @ApiPropertyOptional({ format: 'uuid', description: ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Seal the tube', maxLength: L.titleLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title!: string;

  @ApiProperty({ description: 'Markdown', maxLength: L.instructionsLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.instructionsLength)
  instructions!: string;

  @ApiProperty({ type: [RubricCriterionDto], minItems: 1, maxItems: L.criteria })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.criteria)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric!: RubricCriterionDto[];

  @ApiProperty({ type: ReviewSettingsDto })
  @ValidateNested()
  @Type(() => ReviewSettingsDto)
  review!: ReviewSettingsDto;
}

export class CourseModuleDto {
  @ApiPropertyOptional({ format: 'uuid', description: ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: 'Digging the trench', maxLength: L.titleLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title!: string;

  @ApiPropertyOptional({ description: 'Markdown', maxLength: L.moduleContentLength, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(L.moduleContentLength)
  content?: string;

  @ApiPropertyOptional({ type: [AssignmentDto], maxItems: L.assignmentsPerModule, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.assignmentsPerModule)
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  assignments?: AssignmentDto[];
}

/** Fields optional on create and on edit. */
class CourseBodyDto {
  @ApiPropertyOptional({ maxLength: L.summaryLength, description: 'Plain text, shown in search results' })
  @IsOptional()
  @IsString()
  @MaxLength(L.summaryLength)
  summary?: string;

  @ApiPropertyOptional({ maxLength: L.descriptionLength, description: 'Markdown; read back also as descriptionHtml' })
  @IsOptional()
  @IsString()
  @MaxLength(L.descriptionLength)
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: L.topics,
    example: ['biogas', 'appropriate technology'],
    description: 'Stored trimmed and in lower case, without repeats',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.topics)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(L.topicLength, { each: true })
  topics?: string[];

  @ApiPropertyOptional({
    type: [CourseModuleDto],
    maxItems: L.modules,
    description: 'In order. Replaces the whole list: modules, assignments and criteria sent with their id keep it.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.modules)
  @ValidateNested({ each: true })
  @Type(() => CourseModuleDto)
  modules?: CourseModuleDto[];
}

export class CreateCourseDto extends CourseBodyDto {
  @ApiProperty({ example: 'Build a tube biogas digester', maxLength: L.titleLength })
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title!: string;

  @ApiProperty({ example: 'es-BO', description: 'BCP 47 language tag', maxLength: L.languageLength })
  @IsString()
  @MaxLength(L.languageLength)
  language!: string;

  @ApiProperty({ enum: CourseLicense, example: CourseLicense.CcBySa })
  @IsEnum(CourseLicense)
  license!: CourseLicense;
}

/** An edit of the draft: fields left out stay as they are. */
export class UpdateCourseDraftDto extends CourseBodyDto {
  @ApiPropertyOptional({ example: 'Build a tube biogas digester', maxLength: L.titleLength })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(L.titleLength)
  title?: string;

  @ApiPropertyOptional({ example: 'es-BO', description: 'BCP 47 language tag', maxLength: L.languageLength })
  @IsOptional()
  @IsString()
  @MaxLength(L.languageLength)
  language?: string;

  @ApiPropertyOptional({ enum: CourseLicense, description: 'A fork must keep a license its source allows.' })
  @IsOptional()
  @IsEnum(CourseLicense)
  license?: CourseLicense;
}

export class ForkCourseDto {
  @ApiPropertyOptional({
    enum: CourseLicense,
    description: "The fork's license; by default the source's. It must be one the source's license allows.",
  })
  @IsOptional()
  @IsEnum(CourseLicense)
  license?: CourseLicense;
}

export class CourseSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Words to find in title, topics, summary and description ("a phrase", -word, or)',
    maxLength: L.searchQueryLength,
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.searchQueryLength)
  q?: string;

  @ApiPropertyOptional({ example: 'biogas', maxLength: L.topicLength })
  @IsOptional()
  @IsString()
  @MaxLength(L.topicLength)
  topic?: string;

  @ApiPropertyOptional({ example: 'es', description: 'BCP 47 tag; "es" also finds es-BO, es-419, ...' })
  @IsOptional()
  @IsString()
  @MaxLength(L.languageLength)
  language?: string;

  @ApiPropertyOptional({ enum: CourseLicense })
  @IsOptional()
  @IsEnum(CourseLicense)
  license?: CourseLicense;
}

export class PublishCourseDto {
  @ApiPropertyOptional({
    maxLength: L.versionNotesLength,
    description: 'Notes on this version (what changed, why), plain text; shown with the version',
    example: 'Module 2 now covers the gas-tight seal.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.versionNotesLength)
  notes?: string;
}
