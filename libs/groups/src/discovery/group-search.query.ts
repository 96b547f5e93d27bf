import type { GroupMode } from '../study-group.entity';

/**
 * The document full-text search reads: name (weight A), topic (B), description (C), in the 'simple'
 * configuration, plus the group's language as facet lexemes ('~lang=es', '~lang=es-bo' for "es-BO"). A text
 * search with a language filter asks the GIN index for both at once, so rows in other languages are never read
 * from the table (three times fewer heap visits for English, more for other languages: docs/benchmarks.md). No
 * word a person types can reach a facet: queries hold only letters, marks and digits, a facet starts with '~'.
 *
 * It must stay identical, token for token, to the expression of `study_groups_search_idx` (migration
 * GroupDiscoveryIndexes): otherwise PostgreSQL cannot use the index and reads every row.
 */
export const SEARCH_DOCUMENT =
  `(setweight(to_tsvector('simple'::regconfig, g.name::text), 'A') || ` +
  `setweight(to_tsvector('simple'::regconfig, COALESCE(g.topic, '')::text), 'B') || ` +
  `setweight(to_tsvector('simple'::regconfig, g.description::text), 'C') || ` +
  `array_to_tsvector(ARRAY['~lang=' || lower(split_part(g.language::text, '-', 1)), '~lang=' || lower(g.language::text)]))`;

/**
 * The facet lexeme of a canonical language tag, as a tsquery literal: "es" finds "es" and "es-BO", "es-BO" only
 * itself. A canonical tag holds only letters, digits and hyphens; anything else is dropped, so no tag can end the
 * quoted lexeme.
 */
export const languageFacet = (language: string): string =>
  `'~lang=${language.toLowerCase().replace(/[^a-z0-9-]/g, '')}'`;

/**
 * What relevance is ranked on: the name (A) and topic (B) only. ts_rank needs a tsvector and the expression index
 * stores none, so the rank is computed per candidate; for the whole document that costs ~27 µs a row (measured,
 * descriptions of ~300 characters), for name and topic ~3 µs. A description-only match is still found, and ranks
 * after every group whose name or topic matches. (A stored tsvector column would lift this; see docs/benchmarks.md.)
 */
export const RANK_DOCUMENT =
  `(setweight(to_tsvector('simple'::regconfig, g.name::text), 'A') || ` +
  `setweight(to_tsvector('simple'::regconfig, COALESCE(g.topic, '')::text), 'B'))`;

/** Groups with no meeting yet sort after every dated one (`study_groups_discovery_start_idx`). */
const START_KEY = `COALESCE(g.first_meeting_at, 'infinity'::timestamptz)`;

/** Characters of the description shown in a result. */
export const SUMMARY_LENGTH = 280;

export enum GroupSearchOrder {
  /** Text searches: best match first (ts_rank), then id. */
  Relevance = 'relevance',
  /** Otherwise: earliest first meeting first, groups without a meeting last, then id. */
  Start = 'start',
}

export interface GroupSearchFilter {
  /** A tsquery in the 'simple' configuration (see toPrefixTsquery); orders results by relevance. */
  textQuery?: string;
  /** A group's free topic, or one of its pinned course version's topics; case-insensitive, spaces collapsed. */
  topic?: string;
  /** Canonical BCP 47 tag; "es" also finds "es-BO" and "es-419". */
  language?: string;
  mode?: GroupMode;
  near?: { latitude: number; longitude: number; radiusKm: number };
  /** Only groups with member_count < capacity. */
  withOpenSeats?: boolean;
  /** first_meeting_at >= startsFrom */
  startsFrom?: Date;
  /** first_meeting_at < startsBefore */
  startsBefore?: Date;
  /** An int4multirange literal of UTC minutes of the week: only groups whose every meeting span lies inside. */
  fitsWithin?: string;
  /** One group only: its public face (GroupDiscoveryService.publicGroup). */
  groupId?: string;
}

/** Where the previous page ended: the sort key as PostgreSQL printed it, and the id. */
export interface SearchPosition {
  key: string;
  id: string;
}

export interface GroupSearchPageRequest {
  limit: number;
  after?: SearchPosition;
  /** Meetings from this instant on count as "next". */
  now: Date;
}

/** One row of the search, as PostgreSQL returns it (node-postgres types). */
export interface GroupSearchRow {
  id: string;
  name: string;
  summary: string;
  topic: string | null;
  course_version_id: string | null;
  course_title: string | null;
  language: string;
  time_zone: string;
  mode: GroupMode;
  city: string | null;
  country: string | null;
  capacity: number;
  member_count: number;
  signup_open: boolean;
  first_meeting_at: Date | null;
  next_starts_at: Date | null;
  next_duration_minutes: number | null;
  distance_m: number | null;
  /** The sort key for the cursor, exactly as PostgreSQL prints it (rank or timestamp). */
  sort_key: string;
}

export function searchOrderOf(filter: GroupSearchFilter): GroupSearchOrder {
  return filter.textQuery ? GroupSearchOrder.Relevance : GroupSearchOrder.Start;
}

class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * One statement per page. The inner part finds the ids of one keyset page with the filters (each backed by a
 * partial index over public groups: GIN for text, GiST for meeting slots and places, B-tree for the start
 * order); only then does the outer part read those rows, their course title and their next meeting (an index
 * probe per row of the page, never per candidate).
 *
 * Relevance: ts_rank needs the document, which the expression index does not store, so it is computed once per
 * candidate in a MATERIALIZED CTE (not once in the filter and again in the sort), after every cheaper filter.
 */
export function buildGroupSearchQuery(
  filter: GroupSearchFilter,
  page: GroupSearchPageRequest,
): { text: string; values: unknown[] } {
  const p = new Params();
  const where: string[] = [`g.visibility = 'public'`];
  let tsquery: string | undefined;
  if (filter.textQuery) {
    tsquery = `to_tsquery('simple'::regconfig, ${p.add(filter.textQuery)})`;
    const facet = filter.language ? ` && ${p.add(languageFacet(filter.language))}::tsquery` : '';
    where.push(`${SEARCH_DOCUMENT} @@ (${tsquery}${facet})`);
  }
  if (filter.language) {
    const language = p.add(filter.language);
    // Canonical tags hold only letters, digits and hyphens: nothing LIKE would read as a wildcard.
    where.push(`(g.language = ${language} OR g.language LIKE ${language} || '-%')`);
  }
  if (filter.groupId) where.push(`g.id = ${p.add(filter.groupId)}`);
  if (filter.mode) where.push(`g.mode = ${p.add(filter.mode)}`);
  if (filter.withOpenSeats) where.push(`g.member_count < g.capacity`);
  if (filter.startsFrom) where.push(`g.first_meeting_at >= ${p.add(filter.startsFrom)}`);
  if (filter.startsBefore) where.push(`g.first_meeting_at < ${p.add(filter.startsBefore)}`);
  if (filter.fitsWithin) {
    where.push(`g.meeting_slots <@ ${p.add(filter.fitsWithin)}::int4multirange AND NOT isempty(g.meeting_slots)`);
  }
  if (filter.topic) {
    const topic = p.add(filter.topic.trim().replace(/\s+/g, ' ').toLowerCase());
    where.push(
      // Course topics are stored normalized (lower case), so their GIN index answers `@>`.
      `(lower(g.topic) = ${topic} OR g.course_version_id = ANY (ARRAY(` +
        `SELECT cv.id FROM published_course_versions cv WHERE cv.topics @> ARRAY[${topic}::text])))`,
    );
  }
  let distance = 'NULL::float8';
  if (filter.near) {
    const { latitude, longitude, radiusKm } = filter.near;
    const origin = `ll_to_earth(${p.add(latitude)}::float8, ${p.add(longitude)}::float8)`;
    const radius = `${p.add(radiusKm * 1000)}::float8`;
    const place = `ll_to_earth(g.latitude, g.longitude)`;
    // The box is what the GiST index answers; the distance trims its corners to a circle.
    where.push(`g.latitude IS NOT NULL AND earth_box(${origin}, ${radius}) @> ${place}`);
    where.push(`earth_distance(${origin}, ${place}) <= ${radius}`);
    distance = `earth_distance(${origin}, ${place})`;
  }

  const limit = p.add(page.limit + 1);
  let pageSql: string;
  let orderBy: string;
  if (tsquery) {
    let keyset = '';
    if (page.after) {
      const [rank, id] = [p.add(page.after.key), p.add(page.after.id)];
      keyset = `WHERE c.rank < ${rank}::real OR (c.rank = ${rank}::real AND c.id > ${id}::uuid)`;
    }
    pageSql =
      `candidates AS MATERIALIZED (SELECT g.id, ts_rank(${RANK_DOCUMENT}, ${tsquery}) AS rank, ${distance} AS distance_m ` +
      `FROM study_groups g WHERE ${where.join(' AND ')}), ` +
      `page AS (SELECT c.id, c.rank::text AS sort_key, c.rank AS sort_rank, c.distance_m FROM candidates c ${keyset} ` +
      `ORDER BY c.rank DESC, c.id LIMIT ${limit})`;
    orderBy = `p.sort_rank DESC, p.id`;
  } else {
    if (page.after) {
      where.push(`(${START_KEY}, g.id) > (${p.add(page.after.key)}::timestamptz, ${p.add(page.after.id)}::uuid)`);
    }
    pageSql =
      `page AS (SELECT g.id, ${START_KEY}::text AS sort_key, ${START_KEY} AS sort_start, ${distance} AS distance_m ` +
      `FROM study_groups g WHERE ${where.join(' AND ')} ORDER BY ${START_KEY}, g.id LIMIT ${limit})`;
    orderBy = `p.sort_start, p.id`;
  }

  const now = p.add(page.now);
  const text =
    `WITH ${pageSql} ` +
    `SELECT g.id, g.name, left(g.description, ${SUMMARY_LENGTH}) AS summary, g.topic, g.course_version_id, ` +
    `cv.title AS course_title, g.language, g.time_zone, g.mode, g.city, g.country, g.capacity, g.member_count, ` +
    `g.signup_open, g.first_meeting_at, nm.starts_at AS next_starts_at, ` +
    `nm.duration_minutes AS next_duration_minutes, p.distance_m, p.sort_key ` +
    `FROM page p JOIN study_groups g ON g.id = p.id ` +
    `LEFT JOIN published_course_versions cv ON cv.id = g.course_version_id ` +
    `LEFT JOIN LATERAL (SELECT m.starts_at, m.duration_minutes FROM meetings m ` +
    `WHERE m.group_id = g.id AND m.status = 'scheduled' AND m.starts_at >= ${now} ` +
    `ORDER BY m.starts_at LIMIT 1) nm ON true ` +
    `ORDER BY ${orderBy}`;
  return { text, values: p.values };
}
