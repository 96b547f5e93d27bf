import type { EntityManager } from 'typeorm';
import { lookaheadEnd } from './digest-format';

export type DigestFrequency = 'daily' | 'weekly';

/** One person's digest to compose: who, where they read it, and the window of news it covers. */
export interface DigestRecipient {
  userId: string;
  timeZone: string;
  /** Their language: sections render dates and times in it (`renderInZone`). */
  locale: string;
  frequency: DigestFrequency;
  /** News after this instant (the previous digest's due instant)... */
  since: Date;
  /** ...up to this one (this digest's due instant); "soon" and "upcoming" count from here. */
  until: Date;
}

/**
 * A part of the digest (due soon, meetings, conversation...). It collects its content for a whole batch of
 * recipients at once, in one or two queries, never one per person; each recipient carries their own window
 * (since, until], as a batch mixes people whose previous digests were at different instants. The map answers
 * for those it has something for (a missing key or null: the section is left out of their email).
 *
 * Adding a section (peer review, badges) = one class implementing this, one line in `DIGEST_SECTION_TYPES`
 * (`digest-sections.ts`), one inline partial named after `key` in `digest.html.hbs` and `digest.text.hbs`
 * (the renderer has no partials folder, so they live at the top of the digest templates), and its strings under
 * `digest.<key>` in `messages/*.json`.
 */
export interface DigestSection<T extends object = object> {
  /** Name of its template partial and of its messages (`digest.<key>.*`). */
  readonly key: string;
  collect(manager: EntityManager, recipients: readonly DigestRecipient[]): Promise<Map<string, T | null>>;
}

/**
 * The batch as a relation `r(user_id, since, until, meetings_until, due_until)`: the news window (since, until]
 * and the look-aheads of meetings and due modules (until, ...]. Sections start their query with it and pass
 * `recipientParams(recipients)` as $1-$5.
 */
export const RECIPIENTS_CTE = `WITH r AS (
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
    AS r(user_id, since, until, meetings_until, due_until))`;

export function recipientParams(recipients: readonly DigestRecipient[]): unknown[] {
  return [
    recipients.map((r) => r.userId),
    recipients.map((r) => r.since.toISOString()),
    recipients.map((r) => r.until.toISOString()),
    recipients.map((r) => lookaheadEnd(r, 'meetings').toISOString()),
    recipients.map((r) => lookaheadEnd(r, 'due').toISOString()),
  ];
}

/** Rows of one query grouped by recipient, in query order. */
export function byUser<R extends { user_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const grouped = new Map<string, R[]>();
  for (const row of rows) {
    const list = grouped.get(row.user_id);
    if (list) list.push(row);
    else grouped.set(row.user_id, [row]);
  }
  return grouped;
}
