import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CourseCatalog, ForkCourseUseCase } from '@app/courses';
import { Authenticated, CurrentActor, Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { ForkCourseDto } from './course-input.dto';
import { CourseDraftDto, CourseVersionDto } from './course-views.dto';

const VersionId = uuidParam('versionId');

/** Published versions by id: what groups and cohorts pin, and what a fork starts from. */
@ApiTags('courses')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto })
@Controller('course-versions')
export class CourseVersionsController {
  constructor(
    private readonly catalog: CourseCatalog,
    private readonly forking: ForkCourseUseCase,
  ) {}

  @Public()
  @Get(':versionId')
  @ApiOkResponse({ type: CourseVersionDto, description: 'A published version; it never changes' })
  version(@Param('versionId', VersionId) versionId: string): Promise<CourseVersionDto> {
    return this.catalog.version(versionId);
  }

  @Authenticated()
  @Post(':versionId/forks')
  @ApiCreatedResponse({
    type: CourseDraftDto,
    description: 'Your new course: a draft of the version, with attribution',
  })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'license_forbids_derivatives' })
  @ApiConflictResponse({ type: ProblemDto, description: 'license_incompatible: the license asked for is not allowed' })
  fork(
    @CurrentActor() actor: Actor,
    @Param('versionId', VersionId) versionId: string,
    @Body() body: ForkCourseDto,
  ): Promise<CourseDraftDto> {
    return this.forking.fork(versionId, actor.userId, body.license);
  }
}
