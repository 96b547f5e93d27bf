import type { AvailabilityWindow } from '@app/identity';
import type { GroupingLearner } from './grouping.types';

/**
 * The part of a BCP 47 tag that decides whether two people can study together: the language and its script,
 * not the region ("es-BO" and "es-ES" meet in "es"; "zh-Hant" and "zh-Hans" do not meet).
 */
export function groupingLanguage(tag: string): string {
  const [language = tag, script] = tag.split('-');
  return script && /^[A-Za-z]{4}$/.test(script) ? `${language.toLowerCase()}-${script}` : language.toLowerCase();
}

/** A learner's grouping languages: their profile's languages, or the language of their locale when none is set. */
export function groupingLanguages(languages: readonly string[], locale: string): string[] {
  const keys = [...new Set(languages.map(groupingLanguage))];
  return keys.length > 0 ? keys : [groupingLanguage(locale)];
}

/** A stored learner as the grouping algorithms take them. */
export function toGroupingLearner(learner: {
  userId: string;
  timeZone: string;
  availability: AvailabilityWindow[];
  languages: readonly string[];
  locale: string;
}): GroupingLearner {
  return {
    id: learner.userId,
    timeZone: learner.timeZone,
    availability: learner.availability,
    languages: groupingLanguages(learner.languages, learner.locale),
  };
}
