import { isUUID } from 'class-validator';
import { decodeCursor, encodeCursor, type CursorPosition } from '@app/core';
import { GroupSearchOrder, type SearchPosition } from './group-search.query';

/**
 * A search cursor names its order, so the cursor of a text search is refused by a search without text (and
 * the other way round) instead of paging through the wrong order.
 */
const PREFIX: { readonly [O in GroupSearchOrder]: string } = {
  [GroupSearchOrder.Relevance]: 'r:',
  [GroupSearchOrder.Start]: 's:',
};

/** ts_rank is a float4, which PostgreSQL (>= 12) prints exactly, e.g. "0.0607927" or "1e-20". */
const RANK = /^\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;

const KEY_IS_VALID: { readonly [O in GroupSearchOrder]: (key: string) => boolean } = {
  [GroupSearchOrder.Relevance]: (key) => RANK.test(key),
  // Groups with no meeting yet sort as 'infinity'; other keys are timestamptz as PostgreSQL prints them.
  [GroupSearchOrder.Start]: (key) => key === 'infinity' || !Number.isNaN(Date.parse(key)),
};

export function encodeSearchCursor(order: GroupSearchOrder, position: SearchPosition): string {
  return encodeCursor({ after: `${PREFIX[order]}${position.key}`, id: position.id });
}

/** Throws InvalidInputError (400, field `cursor`) for anything this API did not issue for this order. */
export function decodeSearchCursor(cursor: string, order: GroupSearchOrder): SearchPosition {
  const prefix = PREFIX[order];
  const valid = (p: CursorPosition): boolean =>
    p.after.startsWith(prefix) && KEY_IS_VALID[order](p.after.slice(prefix.length)) && isUUID(p.id);
  const { after, id } = decodeCursor(cursor, valid);
  return { key: after.slice(prefix.length), id };
}
