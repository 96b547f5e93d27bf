import type { MessageKey } from '../../i18n/messages';
import type { Criterion, CriterionScoreView, Schemas } from './review-data';
import { REVIEW_LIMITS } from './review-limits';

/** The i18n `t` (a plain function here, so the rules are testable without React). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface DraftEntry {
  level: string;
  value: string;
  comment: string;
}

export interface Draft {
  entries: Record<string, DraftEntry>;
  overall: string;
}

export type DraftErrors = Record<string, string>;

export function draftFrom(rubric: Criterion[], scores: CriterionScoreView[] | null, overall: string | null): Draft {
  const entries: Record<string, DraftEntry> = {};
  for (const c of rubric) {
    const s = scores?.find((x) => x.criterionId === c.id);
    entries[c.id] = {
      level: s?.level ?? '',
      value: s?.value === undefined ? '' : String(s.value),
      comment: s?.comment ?? '',
    };
  }
  return { entries, overall: overall ?? '' };
}

/** What the API stores as a draft: the criteria touched so far (a number only once it reads as one). */
export function draftBody(rubric: Criterion[], draft: Draft): Schemas['ReviewDraftDto'] {
  const scores: Schemas['CriterionScoreDto'][] = [];
  for (const c of rubric) {
    const e = draft.entries[c.id];
    if (!e) continue;
    const value = e.value.trim() === '' ? undefined : Number(e.value);
    const score: Schemas['CriterionScoreDto'] = { criterionId: c.id };
    if (c.levels && e.level) score.level = e.level;
    if (c.scale && value !== undefined && Number.isFinite(value)) score.value = value;
    if (e.comment.trim()) score.comment = e.comment;
    if (score.level !== undefined || score.value !== undefined || score.comment !== undefined) scores.push(score);
  }
  return { scores, ...(draft.overall.trim() ? { overallComment: draft.overall } : {}) };
}

/**
 * The API's rules for a review (review-scores.ts): each criterion a level of it or a number within its scale, a
 * comment on each and overall (only when submitting), lengths within its limits. Keys are the API's field names.
 */
export function draftErrors(t: Translate, rubric: Criterion[], draft: Draft, complete: boolean): DraftErrors {
  const errors: DraftErrors = {};
  for (const c of rubric) {
    const e = draft.entries[c.id] ?? { level: '', value: '', comment: '' };
    const field = `scores.${c.id}`;
    if (c.scale && e.value.trim() !== '') {
      const value = Number(e.value);
      if (!Number.isFinite(value) || value < c.scale.min || value > c.scale.max)
        errors[field] = t('review.review.outOfRange', { min: c.scale.min, max: c.scale.max });
    }
    if (complete && !errors[field] && (c.scale ? e.value.trim() === '' : !e.level))
      errors[field] = t('review.review.needScore');
    if (e.comment.length > REVIEW_LIMITS.commentMaxLength)
      errors[`${field}.comment`] = t('review.tooLong', { max: REVIEW_LIMITS.commentMaxLength });
    else if (complete && !e.comment.trim()) errors[`${field}.comment`] = t('review.review.needComment');
  }
  if (draft.overall.length > REVIEW_LIMITS.overallMaxLength)
    errors.overallComment = t('review.tooLong', { max: REVIEW_LIMITS.overallMaxLength });
  else if (complete && !draft.overall.trim()) errors.overallComment = t('review.review.needOverall');
  return errors;
}
