import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ResourceNotFoundError, type Page } from '@app/core';
import { buildCourseContent } from '../content/course-content.validator';
import type { CourseDraftChanges, CourseDraftInput } from '../content/course-input';
import type { CourseContent } from '../course-content';
import { Course } from '../course.entity';
import { CourseRepository } from '../course.repository';
import { assertForkLicense } from '../licensing/license-rules';
import type { CourseDraftView, OwnCourseSummary } from '../views/course-views';

/**
 * Writing a course: create it, read and change its draft. The draft is the only thing an edit touches; published
 * versions are separate rows that nothing here writes. Callers check the author first (CoursePolicy).
 */
@Injectable()
export class CourseAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly courses: CourseRepository,
  ) {}

  async create(authorId: string, input: CourseDraftInput): Promise<CourseDraftView> {
    const draft = buildCourseContent(input, []);
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Course, { authorId, draft, forkedFromVersionId: null });
      return this.loadDraft(manager, String(identifiers[0]?.id));
    });
  }

  async draft(courseId: string): Promise<CourseDraftView> {
    const view = await this.courses.findDraftView(courseId);
    if (!view) throw new ResourceNotFoundError('course');
    return view;
  }

  /**
   * Applies changes to the draft: fields left out stay; `modules` replaces the list (ids given are kept).
   * The row is locked, so an edit never interleaves with a publish of the same course.
   */
  async updateDraft(courseId: string, changes: CourseDraftChanges): Promise<CourseDraftView> {
    return this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockById(manager, courseId);
      if (!course) throw new ResourceNotFoundError('course');
      const { attributions, ...current } = course.draft;
      const draft = buildCourseContent({ ...current, ...definedOnly(changes) }, attributions);
      await this.assertLicenseFitsLineage(manager, course, draft);
      await manager.update(Course, { id: courseId }, { draft });
      return this.loadDraft(manager, courseId);
    });
  }

  pageOwn(authorId: string, limit: number, cursor?: string): Promise<Page<OwnCourseSummary>> {
    return this.courses.pageOwn(authorId, limit, cursor);
  }

  /** A fork must keep a license its source allows (see licensing/license-rules.ts). */
  async assertLicenseFitsLineage(manager: EntityManager, course: Course, draft: CourseContent): Promise<void> {
    if (!course.forkedFromVersionId) return;
    const source = await this.courses.findVersionById(course.forkedFromVersionId, manager);
    if (source) assertForkLicense(source.license, draft.license);
  }

  private async loadDraft(manager: EntityManager, courseId: string): Promise<CourseDraftView> {
    const view = await this.courses.findDraftView(courseId, manager);
    if (!view) throw new ResourceNotFoundError('course');
    return view;
  }
}

/** `{ summary: undefined }` means "not sent", never "erase". */
function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
