import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { decodeCursor, isTimestampAndUuid, toPage, type Page } from '@app/core';
import type { CourseLicense } from '../course-content';
import type { CourseSummary } from '../views/course-views';

/**
 * The searchable text of a version: title (weight A), topics (B), summary (B), description (C).
 *
 * The `simple` configuration (lower-casing, no stemming, no stop words) on purpose: courses come in every
 * language (Spanish, Kinyarwanda, Nepali, ...), most of which PostgreSQL has no stemmer for, and a per-row
 * configuration would need the searcher to guess the document's language. `simple` finds the words people type
 * in any language and script; the price is no stemming ("digester" does not find "digesters").
 *
 * It must stay character for character the expression of `course_versions_search_idx` (migration
 * CourseCatalog), or PostgreSQL cannot use the index; a test checks the plan.
 */
export const SEARCH_DOCUMENT = `(setweight(to_tsvector('simple'::regconfig, v.title::text), 'A') || setweight(jsonb_to_tsvector('simple'::regconfig, v.content -> 'topics', '["string"]'::jsonb), 'B') || setweight(to_tsvector('simple'::regconfig, COALESCE(v.content ->> 'summary', '')), 'B') || setweight(to_tsvector('simple'::regconfig, COALESCE(v.content ->> 'description', '')), 'C'))`;

export interface CourseSearch {
  /** Words to find (web-search syntax: "quoted phrase", -excluded, or). */
  text?: string;
  /** A normalized topic; only courses carrying it. */
  topic?: string;
  /** A canonical BCP 47 tag; "es" also finds "es-BO" and "es-419". */
  language?: string;
  license?: CourseLicense;
  limit: number;
  cursor?: string;
}

interface SummaryRow {
  version_id: string;
  course_id: string;
  number: number;
  title: string;
  summary: string | null;
  language: string;
  topics: string[];
  license: CourseLicense;
  published_at: Date;
  author_id: string;
  author_name: string;
  forked_from_version_id: string | null;
  sort_key: string;
}

/** A relevance cursor holds the rank PostgreSQL printed (a float4, printed exactly since PostgreSQL 12). */
const isRankAndUuid = (p: { after: string; id: string }): boolean =>
  /^\d+(?:\.\d+)?(?:e[+-]?\d+)?$/.test(p.after) && isUUID(p.id);

/** Published courses, each by its newest version only. */
@Injectable()
export class CourseSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One keyset page. With text: most relevant first (ts_rank), ties by version id. Without: newest published
   * first. The cursor of one ordering is refused by the other (400).
   */
  async search(query: CourseSearch): Promise<Page<CourseSummary>> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    let sortKey: string;

    if (query.text !== undefined) {
      const tsQuery = `websearch_to_tsquery('simple'::regconfig, ${param(query.text)})`;
      where.push(`${SEARCH_DOCUMENT} @@ ${tsQuery}`);
      sortKey = `ts_rank(${SEARCH_DOCUMENT}, ${tsQuery})`;
    } else {
      sortKey = 'v.published_at';
    }
    if (query.topic !== undefined) where.push(`v.topics @> ARRAY[${param(query.topic)}::text]`);
    if (query.language !== undefined) {
      const language = param(query.language);
      // Canonical tags hold only letters, digits and hyphens: nothing LIKE would read as a wildcard.
      where.push(`(v.language = ${language} OR v.language LIKE ${language} || '-%')`);
    }
    if (query.license !== undefined) where.push(`v.license = ${param(query.license)}`);
    if (query.cursor) {
      const text = query.text !== undefined;
      const { after, id } = decodeCursor(query.cursor, text ? isRankAndUuid : isTimestampAndUuid);
      where.push(`(${sortKey}, v.id) < (${param(after)}::${text ? 'real' : 'timestamptz'}, ${param(id)}::uuid)`);
    }

    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT v.id AS version_id, v.course_id, v.number, v.title, v.content ->> 'summary' AS summary, v.language,
              v.topics, v.license, v.published_at, c.author_id, u.display_name AS author_name,
              c.forked_from_version_id, (${sortKey})::text AS sort_key
         FROM published_course_versions v
         JOIN courses c ON c.latest_version_id = v.id
         JOIN identity_people u ON u.id = c.author_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${sortKey} DESC, v.id DESC
        LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const sortKeys = new Map(rows.map((r) => [r.version_id, r.sort_key]));
    const items = rows.map((r): CourseSummary => ({
      courseId: r.course_id,
      versionId: r.version_id,
      number: r.number,
      title: r.title,
      summary: r.summary ?? '',
      language: r.language,
      topics: r.topics,
      license: r.license,
      authorId: r.author_id,
      authorName: r.author_name,
      publishedAt: r.published_at,
      forkedFromVersionId: r.forked_from_version_id,
    }));
    return toPage(items, query.limit, (s) => ({ after: sortKeys.get(s.versionId) ?? '', id: s.versionId }));
  }
}
