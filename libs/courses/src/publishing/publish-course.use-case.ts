import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError } from '@app/core';
import { VerifiedEmailPolicy } from '@app/identity';
import { CourseAuthoringService } from '../authoring/course-authoring.service';
import { CourseVersion } from '../course-version.entity';
import { Course } from '../course.entity';
import { CourseRepository } from '../course.repository';
import { CourseError, CourseErrorCode } from '../courses.errors';
import type { CourseVersionView } from '../views/course-views';
import { CourseEvent } from '../courses.events';

/**
 * Freezes the draft as the next numbered version. The course row is locked first, so two publishes at once
 * queue up and get numbers n and n + 1; the unique (course_id, number) key backs this up. The version, the
 * course's pointer to it and the `course.published` event are one transaction.
 */
@Injectable()
export class PublishCourseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly courses: CourseRepository,
    private readonly authoring: CourseAuthoringService,
    private readonly verifiedEmails: VerifiedEmailPolicy,
  ) {}

  async publish(courseId: string, publishedBy: string, notes = ''): Promise<CourseVersionView> {
    return this.dataSource.transaction(async (manager) => {
      // Drafts stay private to anyone; a version is public, so its author must have a verified address.
      await this.verifiedEmails.require(publishedBy, manager);
      const course = await this.courses.lockById(manager, courseId);
      if (!course) throw new ResourceNotFoundError('course');
      const draft = course.draft;
      if (draft.modules.length === 0) throw new CourseError(CourseErrorCode.CourseIncomplete, 'modules');
      // Edits already refuse a license the lineage forbids; checked again because a version is forever.
      await this.authoring.assertLicenseFitsLineage(manager, course, draft);

      const number = course.latestVersionNumber + 1;
      const { identifiers } = await manager.insert(CourseVersion, {
        courseId,
        number,
        content: draft,
        title: draft.title,
        language: draft.language,
        topics: draft.topics,
        license: draft.license,
        publishedBy,
        publishedAt: this.clock.now(),
        notes: notes.trim(),
      });
      const versionId = String(identifiers[0]?.id);
      await manager.update(Course, { id: courseId }, { latestVersionId: versionId, latestVersionNumber: number });
      await this.outbox.record(manager, CourseEvent.CoursePublished, courseId, { courseId, versionId, number });

      const view = await this.courses.findVersionView({ versionId }, manager);
      if (!view) throw new Error(`version ${versionId} vanished inside its own transaction`);
      return view;
    });
  }
}
