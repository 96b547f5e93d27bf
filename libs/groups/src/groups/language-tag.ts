/** Longest tag the schema holds (`study_groups.language`). */
export const LANGUAGE_TAG_MAX = 35;

/**
 * The canonical form of a BCP 47 language tag ("PT-br" becomes "pt-BR"), or null when it is not one. A tag must
 * start with a language subtag: "x-private" or "und-..." alone tell a learner nothing.
 */
export function canonicalLanguageTag(raw: string): string | null {
  if (raw.length === 0 || raw.length > LANGUAGE_TAG_MAX) return null;
  try {
    const [tag] = Intl.getCanonicalLocales(raw);
    return tag && tag !== 'und' && !tag.startsWith('und-') && /^[a-z]{2,3}(?:-|$)/.test(tag) ? tag : null;
  } catch {
    return null;
  }
}
