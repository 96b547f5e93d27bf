import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InvalidInputError, ResourceNotFoundError, type Page } from '@app/core';
import { canonicalLanguage, normalizeTopic } from '../content/course-content.validator';
import type { CourseLicense } from '../course-content';
import type { CourseVersion } from '../course-version.entity';
import { CourseRepository } from '../course.repository';
import {
  LINEAGE_FORKS_SHOWN,
  type CourseSummary,
  type CourseVersionView,
  type LineageView,
  type VersionSummary,
} from '../views/course-views';
import { CourseLineageRepository } from './course-lineage.repository';
import { CourseSearchRepository } from './course-search.repository';

export interface CatalogQuery {
  text?: string;
  topic?: string;
  language?: string;
  license?: CourseLicense;
  limit: number;
  cursor?: string;
}

/**
 * The commons as readers see it: published versions only, never a draft. Other domains use it too (a study
 * group or cohort pins a version and checks it with `findPublishedVersion`).
 */
@Injectable()
export class CourseCatalog {
  constructor(
    private readonly courses: CourseRepository,
    private readonly searches: CourseSearchRepository,
    private readonly lineages: CourseLineageRepository,
  ) {}

  /** The published version with this id, or null (also for a malformed id). Versions never change. */
  async findPublishedVersion(versionId: string): Promise<CourseVersion | null> {
    if (!isUUID(versionId)) return null;
    return this.courses.findVersionById(versionId);
  }

  async version(versionId: string): Promise<CourseVersionView> {
    const view = await this.courses.findVersionView({ versionId });
    if (!view) throw new ResourceNotFoundError('course_version');
    return view;
  }

  /** The newest version of a published course. A never-published course does not exist for readers. */
  async latest(courseId: string): Promise<CourseVersionView> {
    const view = await this.courses.findVersionView({ latestOfCourseId: courseId });
    if (!view) throw new ResourceNotFoundError('course');
    return view;
  }

  async versions(courseId: string, limit: number, cursor?: string): Promise<Page<VersionSummary>> {
    await this.assertPublished(courseId);
    return this.courses.pageVersions(courseId, limit, cursor);
  }

  async search(query: CatalogQuery): Promise<Page<CourseSummary>> {
    let language: string | undefined;
    if (query.language !== undefined) {
      language = canonicalLanguage(query.language) ?? undefined;
      if (!language) {
        throw new InvalidInputError([
          { field: 'language', message: 'language must be a BCP 47 language tag such as "es" or "pt-BR"' },
        ]);
      }
    }
    const text = query.text?.trim();
    const topic = query.topic === undefined ? undefined : normalizeTopic(query.topic);
    return this.searches.search({
      text: text ? text : undefined,
      topic: topic ? topic : undefined,
      language,
      license: query.license,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  async lineage(courseId: string): Promise<LineageView> {
    await this.assertPublished(courseId);
    const ancestors = await this.lineages.ancestors(courseId);
    const { forks, forkCount } = await this.lineages.forks(courseId, LINEAGE_FORKS_SHOWN);
    return { courseId, ancestors, forks, forkCount };
  }

  private async assertPublished(courseId: string): Promise<void> {
    const course = await this.courses.findAccessInfo(courseId);
    if (!course?.latestVersionId) throw new ResourceNotFoundError('course');
  }
}
