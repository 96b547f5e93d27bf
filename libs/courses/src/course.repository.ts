import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import type { CourseContent, CourseLicense } from './course-content';
import { CourseVersion } from './course-version.entity';
import { Course } from './course.entity';
import type {
  CourseDraftView,
  CourseVersionView,
  OwnCourseSummary,
  VersionRef,
  VersionSummary,
} from './views/course-views';
import { toContentView } from './views/course-views';

interface ForkedFromColumns {
  forked_from_version_id: string | null;
  forked_from_course_id: string | null;
  forked_from_number: number | null;
  forked_from_title: string | null;
}

interface DraftRow extends ForkedFromColumns {
  id: string;
  author_id: string;
  author_name: string;
  draft: CourseContent;
  latest_version_id: string | null;
  latest_version_number: number;
  latest_published_at: Date | null;
  published_as_is: boolean;
  created_at: Date;
  updated_at: Date;
}

interface VersionRow extends ForkedFromColumns {
  id: string;
  course_id: string;
  number: number;
  content: CourseContent;
  published_at: Date;
  author_id: string;
  author_name: string;
  latest_version_number: number;
  notes: string;
}

/** The course a course was forked from, joined as `fv` in the queries below. */
const FORKED_FROM_COLUMNS = `c.forked_from_version_id, fv.course_id AS forked_from_course_id,
  fv.number AS forked_from_number, fv.title AS forked_from_title`;

const isPositiveIntegerAndUuid = (p: { after: string; id: string }): boolean =>
  /^[1-9]\d{0,8}$/.test(p.after) && isUUID(p.id);

/** Queries about courses and their versions, for authors and readers alike. */
@Injectable()
export class CourseRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
  ) {}

  /** Author and publication state only: what authorization needs. */
  findAccessInfo(courseId: string): Promise<Pick<Course, 'id' | 'authorId' | 'latestVersionId'> | null> {
    return this.courses.findOne({
      where: { id: courseId },
      select: { id: true, authorId: true, latestVersionId: true },
    });
  }

  /** Locks the course row for the rest of the caller's transaction (edits and publishes of one course queue up). */
  lockById(manager: EntityManager, courseId: string): Promise<Course | null> {
    return manager
      .getRepository(Course)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :courseId', { courseId })
      .getOne();
  }

  findVersionById(versionId: string, manager?: EntityManager): Promise<CourseVersion | null> {
    return (manager ?? this.dataSource.manager).findOne(CourseVersion, { where: { id: versionId } });
  }

  /** The display name of a course's author, as attributions name them ("Deleted user" once erased). */
  async findAuthorName(courseId: string, manager?: EntityManager): Promise<string | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ display_name: string }[]>(
      'SELECT u.display_name FROM courses c JOIN identity_people u ON u.id = c.author_id WHERE c.id = $1',
      [courseId],
    );
    return row?.display_name ?? null;
  }

  /** The author's draft with what a reader of it needs: names, the latest version, where it was forked from. */
  async findDraftView(courseId: string, manager?: EntityManager): Promise<CourseDraftView | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<DraftRow[]>(
      `SELECT c.id, c.author_id, u.display_name AS author_name, c.draft, c.created_at, c.updated_at,
              c.latest_version_id, c.latest_version_number, lv.published_at AS latest_published_at,
              (lv.id IS NOT NULL AND lv.content = c.draft) AS published_as_is, ${FORKED_FROM_COLUMNS}
         FROM courses c
         JOIN identity_people u ON u.id = c.author_id
         LEFT JOIN published_course_versions lv ON lv.id = c.latest_version_id
         LEFT JOIN published_course_versions fv ON fv.id = c.forked_from_version_id
        WHERE c.id = $1`,
      [courseId],
    );
    if (!row) return null;
    return {
      id: row.id,
      authorId: row.author_id,
      authorName: row.author_name,
      ...toContentView(row.draft),
      forkedFrom: forkedFrom(row),
      latestVersion:
        row.latest_version_id && row.latest_published_at
          ? { id: row.latest_version_id, number: row.latest_version_number, publishedAt: row.latest_published_at }
          : null,
      hasUnpublishedChanges: !row.published_as_is,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** One published version, by its id or as the newest version of a course. */
  async findVersionView(
    by: { versionId: string } | { latestOfCourseId: string },
    manager?: EntityManager,
  ): Promise<CourseVersionView | null> {
    const [where, id] =
      'versionId' in by
        ? ['v.id = $1', by.versionId]
        : ['v.id = (SELECT latest_version_id FROM courses WHERE id = $1)', by.latestOfCourseId];
    const [row] = await (manager ?? this.dataSource.manager).query<VersionRow[]>(
      `SELECT v.id, v.course_id, v.number, v.content, v.published_at, c.author_id, u.display_name AS author_name,
              c.latest_version_number, cv.notes, ${FORKED_FROM_COLUMNS}
         FROM published_course_versions v
         JOIN course_versions cv ON cv.id = v.id
         JOIN courses c ON c.id = v.course_id
         JOIN identity_people u ON u.id = c.author_id
         LEFT JOIN published_course_versions fv ON fv.id = c.forked_from_version_id
        WHERE ${where}`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      courseId: row.course_id,
      number: row.number,
      publishedAt: row.published_at,
      authorId: row.author_id,
      authorName: row.author_name,
      forkedFrom: forkedFrom(row),
      latestVersionNumber: row.latest_version_number,
      notes: row.notes,
      ...toContentView(row.content),
    };
  }

  /** Versions of a course, newest first, one keyset page (the cursor holds a version number). */
  async pageVersions(courseId: string, limit: number, cursor?: string): Promise<Page<VersionSummary>> {
    const after = cursor ? decodeCursor(cursor, isPositiveIntegerAndUuid) : null;
    const rows = await this.dataSource.query<
      { id: string; number: number; title: string; license: CourseLicense; published_at: Date; notes: string }[]
    >(
      // This library's own table: the read view others use was fixed before versions had notes.
      `SELECT id, number, title, license, published_at, notes FROM course_versions
        WHERE course_id = $1 AND ($2::int IS NULL OR number < $2::int)
        ORDER BY number DESC LIMIT $3`,
      [courseId, after ? Number(after.after) : null, limit + 1],
    );
    const items = rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      license: r.license,
      publishedAt: r.published_at,
      notes: r.notes,
    }));
    return toPage(items, limit, (v) => ({ after: String(v.number), id: v.id }));
  }

  /** The author's own courses, drafts included, newest first, one keyset page. */
  async pageOwn(authorId: string, limit: number, cursor?: string): Promise<Page<OwnCourseSummary>> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.dataSource.query<
      {
        id: string;
        title: string;
        language: string;
        license: CourseLicense;
        latest_version_id: string | null;
        latest_version_number: number;
        forked_from_version_id: string | null;
        published_as_is: boolean;
        created_at: Date;
        updated_at: Date;
        cursor_at: string;
      }[]
    >(
      // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
      `SELECT c.id, c.draft->>'title' AS title, c.draft->>'language' AS language, c.draft->>'license' AS license,
              c.latest_version_id, c.latest_version_number, c.forked_from_version_id,
              (lv.id IS NOT NULL AND lv.content = c.draft) AS published_as_is,
              c.created_at, c.updated_at, c.created_at::text AS cursor_at
         FROM courses c
         LEFT JOIN published_course_versions lv ON lv.id = c.latest_version_id
        WHERE c.author_id = $1
          AND ($2::timestamptz IS NULL OR (c.created_at, c.id) < ($2::timestamptz, $3::uuid))
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $4`,
      [authorId, after?.after ?? null, after?.id ?? null, limit + 1],
    );
    const cursorAt = new Map(rows.map((r) => [r.id, r.cursor_at]));
    const items = rows.map((r): OwnCourseSummary => ({
      id: r.id,
      title: r.title,
      language: r.language,
      license: r.license,
      latestVersion: r.latest_version_id ? { id: r.latest_version_id, number: r.latest_version_number } : null,
      forkedFromVersionId: r.forked_from_version_id,
      hasUnpublishedChanges: !r.published_as_is,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
    return toPage(items, limit, (c) => ({ after: cursorAt.get(c.id) ?? '', id: c.id }));
  }
}

function forkedFrom(row: ForkedFromColumns): VersionRef | null {
  if (!row.forked_from_version_id || !row.forked_from_course_id) return null;
  return {
    versionId: row.forked_from_version_id,
    courseId: row.forked_from_course_id,
    number: row.forked_from_number ?? 0,
    title: row.forked_from_title ?? '',
  };
}
