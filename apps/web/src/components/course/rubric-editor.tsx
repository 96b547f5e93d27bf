import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Field, TextAreaField } from '../field';
import { COURSE_LIMITS as L } from './course-rules';
import { newCriterion, newLevel, type CriterionForm, type LevelForm } from './draft-form';

export type ErrorAt = (path: string) => string | undefined;

/** One assignment's rubric: criteria, each scored by named levels with points or by a numeric scale. */
export function RubricEditor({
  rubric,
  path,
  errorAt,
  onChange,
}: {
  rubric: CriterionForm[];
  path: string;
  errorAt: ErrorAt;
  onChange(rubric: CriterionForm[]): void;
}) {
  const { t } = useI18n();
  const set = (k: number, c: CriterionForm) => onChange(rubric.map((x, i) => (i === k ? c : x)));
  return (
    <fieldset className="rubric-editor">
      <legend>{t('course.rubric')}</legend>
      {errorAt(path) && (
        <p className="field-error" role="alert">
          {errorAt(path)}
        </p>
      )}
      {rubric.map((c, k) => (
        <CriterionEditor
          key={c.id}
          number={k + 1}
          criterion={c}
          path={`${path}.${k}`}
          errorAt={errorAt}
          onChange={(next) => set(k, next)}
          onRemove={rubric.length > 1 ? () => onChange(rubric.filter((_, i) => i !== k)) : undefined}
        />
      ))}
      {rubric.length < L.criteria && (
        <button type="button" className="secondary" onClick={() => onChange([...rubric, newCriterion()])}>
          {t('course.edit.addCriterion')}
        </button>
      )}
    </fieldset>
  );
}

function CriterionEditor({
  number,
  criterion: c,
  path,
  errorAt,
  onChange,
  onRemove,
}: {
  number: number;
  criterion: CriterionForm;
  path: string;
  errorAt: ErrorAt;
  onChange(c: CriterionForm): void;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const kindName = useId();
  const setLevel = (n: number, l: LevelForm) => onChange({ ...c, levels: c.levels.map((x, i) => (i === n ? l : x)) });
  return (
    <fieldset className="criterion">
      <legend>{t('course.edit.criterionN', { number })}</legend>
      <Field
        label={t('course.edit.criterionTitle')}
        value={c.title}
        maxLength={L.titleLength}
        error={errorAt(`${path}.title`)}
        onChange={(e) => onChange({ ...c, title: e.target.value })}
      />
      <TextAreaField
        label={t('course.edit.criterionDescription')}
        value={c.description}
        rows={2}
        maxLength={L.criterionDescriptionLength}
        error={errorAt(`${path}.description`)}
        onChange={(e) => onChange({ ...c, description: e.target.value })}
      />
      <Field
        label={t('course.edit.weight')}
        type="number"
        inputMode="decimal"
        min={0}
        max={L.maxWeight}
        step="any"
        value={c.weight}
        error={errorAt(`${path}.weight`)}
        onChange={(e) => onChange({ ...c, weight: e.target.value })}
      />
      <fieldset className="scoring-kind">
        <legend>{t('course.edit.scoredBy')}</legend>
        <label className="check">
          <input
            type="radio"
            name={kindName}
            checked={c.kind === 'levels'}
            onChange={() => onChange({ ...c, kind: 'levels' })}
          />
          {t('course.edit.byLevels')}
        </label>
        <label className="check">
          <input
            type="radio"
            name={kindName}
            checked={c.kind === 'scale'}
            onChange={() => onChange({ ...c, kind: 'scale' })}
          />
          {t('course.edit.byScale')}
        </label>
      </fieldset>
      {c.kind === 'levels' ? (
        <div className="levels-editor">
          {errorAt(`${path}.levels`) && (
            <p className="field-error" role="alert">
              {errorAt(`${path}.levels`)}
            </p>
          )}
          {c.levels.map((l, n) => (
            <div className="level-row" key={l.key}>
              <Field
                label={t('course.edit.levelLabel', { number: n + 1 })}
                value={l.label}
                maxLength={L.levelLabelLength}
                error={errorAt(`${path}.levels.${n}.label`)}
                onChange={(e) => setLevel(n, { ...l, label: e.target.value })}
              />
              <Field
                label={t('course.edit.levelPoints', { number: n + 1 })}
                type="number"
                inputMode="decimal"
                step="any"
                value={l.points}
                error={errorAt(`${path}.levels.${n}.points`)}
                onChange={(e) => setLevel(n, { ...l, points: e.target.value })}
              />
              {c.levels.length > 1 && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onChange({ ...c, levels: c.levels.filter((_, i) => i !== n) })}
                >
                  {t('course.edit.removeLevel', { number: n + 1 })}
                </button>
              )}
            </div>
          ))}
          {c.levels.length < L.levels && (
            <button
              type="button"
              className="secondary"
              onClick={() => onChange({ ...c, levels: [...c.levels, newLevel()] })}
            >
              {t('course.edit.addLevel')}
            </button>
          )}
        </div>
      ) : (
        <div className="time-pair">
          <Field
            label={t('course.edit.scaleMin')}
            type="number"
            inputMode="decimal"
            step="any"
            value={c.min}
            error={errorAt(`${path}.scale.min`)}
            onChange={(e) => onChange({ ...c, min: e.target.value })}
          />
          <Field
            label={t('course.edit.scaleMax')}
            type="number"
            inputMode="decimal"
            step="any"
            value={c.max}
            error={errorAt(`${path}.scale.max`) ?? errorAt(`${path}.scale`)}
            onChange={(e) => onChange({ ...c, max: e.target.value })}
          />
        </div>
      )}
      {onRemove && (
        <button type="button" className="secondary" onClick={onRemove}>
          {t('course.edit.removeCriterion', { number })}
        </button>
      )}
    </fieldset>
  );
}
