import { useId } from 'react';
import type { Problem } from '../../api/problem';
import { TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { REVIEW_LIMITS, type Criterion, type CriterionScoreView, type Schemas } from './review-data';
import { criterionRule } from './review-parts';

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
export function draftErrors(
  t: ReturnType<typeof useI18n>['t'],
  rubric: Criterion[],
  draft: Draft,
  complete: boolean,
): DraftErrors {
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

/** The API's message for exactly this field (a criterion's score and its comment are two fields). */
export function exactFieldError(problem: Problem | null | undefined, field: string): string | undefined {
  return problem?.errors?.find((e) => e.field === field)?.message;
}

/** One control per criterion (a level, or a number within the scale) with its comment, then the overall comment. */
export function RubricForm({
  rubric,
  draft,
  onChange,
  errors,
  disabled,
}: {
  rubric: Criterion[];
  draft: Draft;
  onChange: (draft: Draft) => void;
  errors: DraftErrors;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const set = (id: string, patch: Partial<DraftEntry>) => {
    const current = draft.entries[id] ?? { level: '', value: '', comment: '' };
    onChange({ ...draft, entries: { ...draft.entries, [id]: { ...current, ...patch } } });
  };
  return (
    <div className="rubric-form">
      {rubric.map((c) => (
        <CriterionFields
          key={c.id}
          criterion={c}
          entry={draft.entries[c.id] ?? { level: '', value: '', comment: '' }}
          onChange={(patch) => set(c.id, patch)}
          scoreError={errors[`scores.${c.id}`]}
          commentError={errors[`scores.${c.id}.comment`]}
          disabled={disabled}
        />
      ))}
      <TextAreaField
        label={t('review.review.overall')}
        value={draft.overall}
        rows={4}
        maxLength={REVIEW_LIMITS.overallMaxLength}
        disabled={disabled}
        onChange={(e) => onChange({ ...draft, overall: e.target.value })}
        error={errors.overallComment}
      />
    </div>
  );
}

function CriterionFields({
  criterion,
  entry,
  onChange,
  scoreError,
  commentError,
  disabled,
}: {
  criterion: Criterion;
  entry: DraftEntry;
  onChange: (patch: Partial<DraftEntry>) => void;
  scoreError?: string;
  commentError?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset className="criterion" aria-describedby={scoreError ? `${hintId} ${errorId}` : hintId}>
      <legend>{criterion.title}</legend>
      {criterion.description && <p className="meta">{criterion.description}</p>}
      <p className="hint" id={hintId}>
        {criterionRule(t, criterion)}
      </p>
      {criterion.scale ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('review.review.score', { criterion: criterion.title })}</label>
          <input
            id={`${id}-value`}
            type="number"
            inputMode="decimal"
            step="any"
            min={criterion.scale.min}
            max={criterion.scale.max}
            value={entry.value}
            disabled={disabled}
            aria-invalid={scoreError ? true : undefined}
            aria-describedby={scoreError ? errorId : hintId}
            onChange={(e) => onChange({ value: e.target.value })}
          />
        </div>
      ) : (
        <div className="levels" role="radiogroup" aria-label={t('review.review.score', { criterion: criterion.title })}>
          {(criterion.levels ?? []).map((level) => (
            <label key={level.label} className="check">
              <input
                type="radio"
                name={`${id}-level`}
                value={level.label}
                checked={entry.level === level.label}
                disabled={disabled}
                onChange={() => onChange({ level: level.label })}
              />{' '}
              {t('review.level', { label: level.label, points: level.points })}
            </label>
          ))}
        </div>
      )}
      {scoreError && (
        <p id={errorId} className="field-error" role="alert">
          {scoreError}
        </p>
      )}
      <TextAreaField
        label={t('review.review.comment', { criterion: criterion.title })}
        value={entry.comment}
        rows={3}
        maxLength={REVIEW_LIMITS.commentMaxLength}
        disabled={disabled}
        onChange={(e) => onChange({ comment: e.target.value })}
        error={commentError}
      />
    </fieldset>
  );
}
