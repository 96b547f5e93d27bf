import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, ResourceNotFoundError } from '@app/core';
import type { Attribution, CourseContent, CourseLicense } from '../course-content';
import { Course } from '../course.entity';
import { CourseRepository } from '../course.repository';
import { CourseError, CourseErrorCode } from '../courses.errors';
import { allowsDerivatives, assertForkLicense, defaultForkLicense } from '../licensing/license-rules';
import type { CourseDraftView } from '../views/course-views';
import { CourseEvent } from '../courses.events';

/**
 * Forks (remixes) a published version: a new course by the forker whose draft starts as that version's content,
 * with its lineage (`forkedFromVersionId`) and the source added first to its attributions. The new course and
 * the `course.forked` event are one transaction.
 */
@Injectable()
export class ForkCourseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly courses: CourseRepository,
  ) {}

  async fork(versionId: string, forkerId: string, license?: CourseLicense): Promise<CourseDraftView> {
    return this.dataSource.transaction(async (manager) => {
      const source = await this.courses.findVersionById(versionId, manager);
      if (!source) throw new ResourceNotFoundError('course_version');
      if (!allowsDerivatives(source.license)) {
        throw new CourseError(CourseErrorCode.LicenseForbidsDerivatives);
      }
      const target = license ?? defaultForkLicense(source.license);
      assertForkLicense(source.license, target);

      const attribution: Attribution = {
        courseId: source.courseId,
        versionId: source.id,
        title: source.title,
        authorName: (await this.courses.findAuthorName(source.courseId, manager)) ?? '',
        license: source.license,
      };
      const draft: CourseContent = {
        ...source.content,
        license: target,
        attributions: [attribution, ...source.content.attributions],
      };
      const { identifiers } = await manager.insert(Course, {
        authorId: forkerId,
        draft,
        forkedFromVersionId: source.id,
      });
      const courseId = String(identifiers[0]?.id);
      await this.outbox.record(manager, CourseEvent.CourseForked, courseId, {
        courseId,
        fromCourseId: source.courseId,
        fromVersionId: source.id,
      });

      const view = await this.courses.findDraftView(courseId, manager);
      if (!view) throw new Error(`course ${courseId} vanished inside its own transaction`);
      return view;
    });
  }
}
