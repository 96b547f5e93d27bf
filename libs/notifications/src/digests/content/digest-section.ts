import type { EntityManager } from 'typeorm';

/** One person's digest to compose: who, where they are, and the window of news it covers. */
export interface DigestRecipient {
  userId: string;
  timeZone: string;
  frequency: 'daily' | 'weekly';
  /** News after this instant... */
  since: Date;
  /** ...up to this one (the digest's due instant); "soon" is measured from here. */
  until: Date;
}

/**
 * A part of the digest (conversation, due soon, meetings...). It collects its content for a whole batch of
 * recipients in one or two queries, never one per person, and answers only for those it has something for.
 * Adding a section (peer review, badges) is one class, one line in `DIGEST_SECTIONS`, one block in the templates.
 */
export interface DigestSection<T extends object = object> {
  /** Key in the template data (`sections.<key>`) and in the message catalog. */
  readonly key: string;
  collect(manager: EntityManager, recipients: readonly DigestRecipient[]): Promise<Map<string, T>>;
}

/** How far ahead "due soon" and "upcoming meetings" look, from the digest's due instant. */
export const LOOKAHEAD_MS: { readonly [F in DigestRecipient['frequency']]: number } = {
  daily: 48 * 3600_000,
  weekly: 8 * 24 * 3600_000,
};

/** Items shown per section before "and N more". */
export const SHOWN_PER_SECTION = 10;

/** The first `SHOWN_PER_SECTION` items, and how many more there were. */
export function capped<T>(items: T[]): { items: T[]; more: number } {
  return { items: items.slice(0, SHOWN_PER_SECTION), more: Math.max(0, items.length - SHOWN_PER_SECTION) };
}

/** Rows of one query grouped by recipient, in query order. */
export function byUser<R extends { user_id: string }>(rows: R[]): Map<string, R[]> {
  const grouped = new Map<string, R[]>();
  for (const row of rows) {
    const list = grouped.get(row.user_id) ?? [];
    list.push(row);
    grouped.set(row.user_id, list);
  }
  return grouped;
}

/**
 * The batch as a relation `r(user_id, since, until, horizon)`: the news window (since, until] and the look-ahead
 * (until, horizon]. Sections start their query with it and pass `windowParams(recipients)` as $1-$4.
 */
export const RECIPIENTS_CTE = `WITH r AS (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[])
    AS r(user_id, since, until, horizon))`;

export function windowParams(recipients: readonly DigestRecipient[]): unknown[] {
  return [
    recipients.map((r) => r.userId),
    recipients.map((r) => r.since.toISOString()),
    recipients.map((r) => r.until.toISOString()),
    recipients.map((r) => new Date(r.until.getTime() + LOOKAHEAD_MS[r.frequency]).toISOString()),
  ];
}

/** Markdown source to a short plain-text excerpt: no markup, one line, at most `length` characters. */
export function excerpt(markdown: string, length = 200): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= length ? plain : `${plain.slice(0, length - 1).trimEnd()}…`;
}
