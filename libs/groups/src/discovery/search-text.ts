/** Words of any script: letters, their combining marks (Devanagari vowel signs...), digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** More words add little to a search and only make the query slower. */
export const MAX_SEARCH_WORDS = 8;

/** Shorter words match exactly: "a:*" or "de:*" would match half the index. */
const MIN_PREFIX_LENGTH = 3;

/**
 * A free-text search as a tsquery for the 'simple' configuration: every word must occur, each as a prefix
 * ("build" finds "builders"). 'simple' does not stem, so prefixes stand in for stemming in every language the
 * groups use. Only letters, marks and digits reach the query, so no input can form tsquery syntax.
 * Returns null when the text holds no word at all.
 */
export function toPrefixTsquery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(WORD) ?? [])].slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= MIN_PREFIX_LENGTH ? `'${w}':*` : `'${w}'`)).join(' & ');
}
