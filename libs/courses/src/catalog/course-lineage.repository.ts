import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CourseLicense } from '../course-content';
import type { AncestorView, ForkView } from '../views/course-views';

/**
 * Bound on how deep a walk goes. A course's origin is set once, when it is created from an already published
 * version, so lineage cannot loop; the bound only keeps a corrupted row from running a query forever.
 */
const MAX_DEPTH = 1000;

/** Where a course comes from and what came of it, one recursive query per direction (never one per node). */
@Injectable()
export class CourseLineageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The versions this course was forked from, nearest first. */
  async ancestors(courseId: string): Promise<AncestorView[]> {
    const rows = await this.dataSource.query<
      {
        depth: number;
        version_id: string;
        version_number: number;
        course_id: string;
        title: string;
        license: CourseLicense;
        author_name: string;
        published_at: Date;
      }[]
    >(
      `WITH RECURSIVE chain (depth, version_id) AS (
         SELECT 1, c.forked_from_version_id FROM courses c WHERE c.id = $1 AND c.forked_from_version_id IS NOT NULL
         UNION ALL
         SELECT chain.depth + 1, parent.forked_from_version_id
           FROM chain
           JOIN published_course_versions v ON v.id = chain.version_id
           JOIN courses parent ON parent.id = v.course_id
          WHERE parent.forked_from_version_id IS NOT NULL AND chain.depth < $2
       )
       SELECT chain.depth, v.id AS version_id, v.number AS version_number, v.course_id, v.title, v.license,
              u.display_name AS author_name, v.published_at
         FROM chain
         JOIN published_course_versions v ON v.id = chain.version_id
         JOIN courses c ON c.id = v.course_id
         JOIN identity_people u ON u.id = c.author_id
        ORDER BY chain.depth`,
      [courseId, MAX_DEPTH],
    );
    return rows.map((r) => ({
      depth: r.depth,
      versionId: r.version_id,
      versionNumber: r.version_number,
      courseId: r.course_id,
      title: r.title,
      license: r.license,
      authorName: r.author_name,
      publishedAt: r.published_at,
    }));
  }

  /**
   * Published courses forked directly from any version of this one, each with its number of published
   * descendants; most descended first, at most `limit`, plus the count of all direct forks. Unpublished forks
   * are private drafts and stay out (they cannot have descendants: only published versions can be forked).
   */
  async forks(courseId: string, limit: number): Promise<{ forks: ForkView[]; forkCount: number }> {
    const rows = await this.dataSource.query<
      {
        course_id: string;
        title: string;
        license: CourseLicense;
        author_name: string;
        latest_version_id: string;
        latest_version_number: number;
        forked_from_version_id: string;
        forked_from_version_number: number;
        descendants: number;
        fork_count: number;
      }[]
    >(
      `WITH RECURSIVE tree (root_id, course_id, depth) AS (
         SELECT f.id, f.id, 1
           FROM published_course_versions v
           JOIN courses f ON f.forked_from_version_id = v.id
          WHERE v.course_id = $1 AND f.latest_version_id IS NOT NULL
         UNION ALL
         SELECT tree.root_id, f.id, tree.depth + 1
           FROM tree
           JOIN published_course_versions v ON v.course_id = tree.course_id
           JOIN courses f ON f.forked_from_version_id = v.id
          WHERE f.latest_version_id IS NOT NULL AND tree.depth < $2
       ),
       counts AS (SELECT root_id, count(*) - 1 AS descendants FROM tree GROUP BY root_id)
       SELECT f.id AS course_id, lv.title, lv.license, u.display_name AS author_name,
              f.latest_version_id, f.latest_version_number, f.forked_from_version_id,
              fv.number AS forked_from_version_number, counts.descendants::int AS descendants,
              (count(*) OVER ())::int AS fork_count
         FROM counts
         JOIN courses f ON f.id = counts.root_id
         JOIN published_course_versions lv ON lv.id = f.latest_version_id
         JOIN published_course_versions fv ON fv.id = f.forked_from_version_id
         JOIN identity_people u ON u.id = f.author_id
        ORDER BY counts.descendants DESC, f.created_at, f.id
        LIMIT $3`,
      [courseId, MAX_DEPTH, limit],
    );
    return {
      forkCount: rows[0]?.fork_count ?? 0,
      forks: rows.map((r) => ({
        courseId: r.course_id,
        title: r.title,
        license: r.license,
        authorName: r.author_name,
        latestVersionId: r.latest_version_id,
        latestVersionNumber: r.latest_version_number,
        forkedFromVersionId: r.forked_from_version_id,
        forkedFromVersionNumber: r.forked_from_version_number,
        descendants: r.descendants,
      })),
    };
  }
}
