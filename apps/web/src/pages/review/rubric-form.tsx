import { useId } from 'react';
import type { Problem } from '../../api/problem';
import { TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { REVIEW_LIMITS, type Criterion } from './review-data';
import type { Draft, DraftEntry, DraftErrors } from './review-draft';
import { criterionRule } from './review-parts';

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
