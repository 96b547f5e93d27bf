import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { CourseAction, CourseAuthoringService, CourseCatalog, CoursePolicy, PublishCourseUseCase } from '@app/courses';
import { Authenticated, Authorize, CurrentActor, Public, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { CourseSearchQueryDto, CreateCourseDto, PublishCourseDto, UpdateCourseDraftDto } from './course-input.dto';
import {
  CourseDraftDto,
  CourseSummaryPageDto,
  CourseVersionDto,
  LineageDto,
  OwnCourseSummaryPageDto,
  VersionSummaryPageDto,
} from './course-views.dto';

const CourseId = uuidParam('courseId');

const DEFAULT_PAGE_SIZE = 20;

/**
 * Courses are a commons: what is published (search, the newest version, version history, lineage) is readable
 * without an account, like an openly licensed book on a shelf. Drafts are their author's alone; writing needs a
 * token and, for an existing course, its author.
 */
@ApiTags('courses')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto })
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly authoring: CourseAuthoringService,
    private readonly publishing: PublishCourseUseCase,
    private readonly catalog: CourseCatalog,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({
    type: CourseSummaryPageDto,
    description: 'Published courses (newest version of each): by relevance with `q`, else newest first',
  })
  search(@Query() query: CourseSearchQueryDto): Promise<CourseSummaryPageDto> {
    return this.catalog.search({
      text: query.q,
      topic: query.topic,
      language: query.language,
      license: query.license,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
  }

  @Authenticated()
  @Post()
  @ApiCreatedResponse({ type: CourseDraftDto, description: 'A new course, as a draft only its author sees' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCourseDto): Promise<CourseDraftDto> {
    return this.authoring.create(actor.userId, body);
  }

  // Declared before ':courseId' so "mine" is not read as an id.
  @Authenticated()
  @Get('mine')
  @ApiOkResponse({ type: OwnCourseSummaryPageDto, description: 'Your courses, drafts included, newest first' })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<OwnCourseSummaryPageDto> {
    return this.authoring.pageOwn(actor.userId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Public()
  @Get(':courseId')
  @ApiOkResponse({ type: CourseVersionDto, description: 'The newest published version (404 if never published)' })
  latest(@Param('courseId', CourseId) courseId: string): Promise<CourseVersionDto> {
    return this.catalog.latest(courseId);
  }

  @Public()
  @Get(':courseId/versions')
  @ApiOkResponse({ type: VersionSummaryPageDto, description: 'Published versions, newest first' })
  versions(
    @Param('courseId', CourseId) courseId: string,
    @Query() query: PageQueryDto,
  ): Promise<VersionSummaryPageDto> {
    return this.catalog.versions(courseId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Public()
  @Get(':courseId/lineage')
  @ApiOkResponse({ type: LineageDto, description: 'What this course was forked from, and its published forks' })
  lineage(@Param('courseId', CourseId) courseId: string): Promise<LineageDto> {
    return this.catalog.lineage(courseId);
  }

  @Authenticated()
  @Get(':courseId/draft')
  @Authorize(CoursePolicy, CourseAction.Edit, 'courseId')
  @ApiOkResponse({ type: CourseDraftDto })
  draft(@Param('courseId', CourseId) courseId: string): Promise<CourseDraftDto> {
    return this.authoring.draft(courseId);
  }

  @Authenticated()
  @Patch(':courseId/draft')
  @Authorize(CoursePolicy, CourseAction.Edit, 'courseId')
  @ApiOkResponse({ type: CourseDraftDto, description: 'The draft after the edit; published versions are untouched' })
  @ApiConflictResponse({ type: ProblemDto, description: 'license_incompatible (a fork)' })
  updateDraft(
    @Param('courseId', CourseId) courseId: string,
    @Body() body: UpdateCourseDraftDto,
  ): Promise<CourseDraftDto> {
    return this.authoring.updateDraft(courseId, body);
  }

  @Authenticated()
  @Post(':courseId/publish')
  @VerifiedEmailRequired()
  @Authorize(CoursePolicy, CourseAction.Edit, 'courseId')
  @ApiCreatedResponse({ type: CourseVersionDto, description: 'The draft, frozen as the next numbered version' })
  @ApiConflictResponse({ type: ProblemDto, description: 'course_incomplete, license_incompatible' })
  publish(
    @CurrentActor() actor: Actor,
    @Param('courseId', CourseId) courseId: string,
    @Body() body: PublishCourseDto,
  ): Promise<CourseVersionDto> {
    // @IsOptional lets null through as well as undefined: both mean no notes.
    return this.publishing.publish(courseId, actor.userId, body.notes ?? '');
  }
}
