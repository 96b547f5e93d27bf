import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField, TextAreaField } from '../field';
import { SanitizedHtml } from './course-content';
import { ANONYMITIES, COURSE_LIMITS as L, type Anonymity, type CourseDraft } from './course-rules';
import { newAssignment, type AssignmentForm, type ModuleForm } from './draft-form';
import { RubricEditor, type ErrorAt } from './rubric-editor';

/**
 * Markdown beside its preview. The preview is the API's own rendering (sanitized HTML) of the saved draft, so it
 * shows exactly what readers will get; the editor saves a valid draft a moment after typing stops.
 */
export function MarkdownField({
  label,
  value,
  maxLength,
  error,
  html,
  onChange,
}: {
  label: string;
  value: string;
  maxLength: number;
  error?: string;
  /** The saved draft's rendering of this text, and the text it was rendered from. */
  html: { source: string; html: string } | undefined;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const current = html !== undefined && html.source === value;
  return (
    <div className="markdown-field">
      <TextAreaField
        label={label}
        value={value}
        rows={8}
        maxLength={maxLength}
        error={error}
        onChange={(e) => onChange(e.target.value)}
      />
      <section className="preview" aria-labelledby={headingId}>
        <p id={headingId} className="preview-heading">
          {t('course.edit.preview', { label })}
        </p>
        {current && html.html === '' && <p className="meta">{t('course.edit.previewEmpty')}</p>}
        {html && html.html !== '' && <SanitizedHtml html={html.html} />}
        <p className="meta" role="status">
          {current ? '' : t('course.edit.previewPending')}
        </p>
      </section>
    </div>
  );
}

export function ModuleEditor({
  number,
  module: m,
  path,
  saved,
  errorAt,
  onChange,
  onMove,
  onRemove,
}: {
  number: number;
  module: ModuleForm;
  path: string;
  saved: CourseDraft | undefined;
  errorAt: ErrorAt;
  onChange(m: ModuleForm): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const savedModule = saved?.modules.find((s) => s.id === m.id);
  const setAssignment = (j: number, a: AssignmentForm) =>
    onChange({ ...m, assignments: m.assignments.map((x, i) => (i === j ? a : x)) });
  return (
    <fieldset className="module-editor">
      <legend>{t('course.edit.moduleN', { number })}</legend>
      <Field
        label={t('course.edit.moduleTitle')}
        value={m.title}
        maxLength={L.titleLength}
        error={errorAt(`${path}.title`)}
        onChange={(e) => onChange({ ...m, title: e.target.value })}
      />
      <MarkdownField
        label={t('course.edit.moduleContent')}
        value={m.content}
        maxLength={L.moduleContentLength}
        error={errorAt(`${path}.content`)}
        html={savedModule && { source: savedModule.content, html: savedModule.contentHtml }}
        onChange={(content) => onChange({ ...m, content })}
      />
      {errorAt(`${path}.assignments`) && (
        <p className="field-error" role="alert">
          {errorAt(`${path}.assignments`)}
        </p>
      )}
      {m.assignments.map((a, j) => (
        <AssignmentEditor
          key={a.id}
          number={j + 1}
          assignment={a}
          path={`${path}.assignments.${j}`}
          saved={savedModule?.assignments.find((s) => s.id === a.id)}
          errorAt={errorAt}
          onChange={(next) => setAssignment(j, next)}
          onRemove={() => onChange({ ...m, assignments: m.assignments.filter((_, i) => i !== j) })}
        />
      ))}
      <div className="course-actions">
        {m.assignments.length < L.assignmentsPerModule && (
          <button
            type="button"
            className="secondary"
            onClick={() => onChange({ ...m, assignments: [...m.assignments, newAssignment()] })}
          >
            {t('course.edit.addAssignment', { number })}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => onMove(-1)}>
          {t('course.edit.moveUp', { number })}
        </button>
        <button type="button" className="secondary" onClick={() => onMove(1)}>
          {t('course.edit.moveDown', { number })}
        </button>
        <button type="button" className="secondary" onClick={onRemove}>
          {t('course.edit.removeModule', { number })}
        </button>
      </div>
    </fieldset>
  );
}

function AssignmentEditor({
  number,
  assignment: a,
  path,
  saved,
  errorAt,
  onChange,
  onRemove,
}: {
  number: number;
  assignment: AssignmentForm;
  path: string;
  saved: { instructions: string; instructionsHtml: string } | undefined;
  errorAt: ErrorAt;
  onChange(a: AssignmentForm): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="assignment-editor">
      <legend>{t('course.edit.assignmentN', { number })}</legend>
      <Field
        label={t('course.edit.assignmentTitle')}
        value={a.title}
        maxLength={L.titleLength}
        error={errorAt(`${path}.title`)}
        onChange={(e) => onChange({ ...a, title: e.target.value })}
      />
      <MarkdownField
        label={t('course.edit.instructions')}
        value={a.instructions}
        maxLength={L.instructionsLength}
        error={errorAt(`${path}.instructions`)}
        html={saved && { source: saved.instructions, html: saved.instructionsHtml }}
        onChange={(instructions) => onChange({ ...a, instructions })}
      />
      <RubricEditor
        rubric={a.rubric}
        path={`${path}.rubric`}
        errorAt={errorAt}
        onChange={(rubric) => onChange({ ...a, rubric })}
      />
      <fieldset className="review-settings-editor">
        <legend>{t('course.edit.review')}</legend>
        <Field
          label={t('course.edit.perSubmission')}
          type="number"
          inputMode="numeric"
          min={1}
          max={L.maxReviews}
          step={1}
          value={a.perSubmission}
          error={errorAt(`${path}.review.reviewsPerSubmission`)}
          onChange={(e) => onChange({ ...a, perSubmission: e.target.value })}
        />
        <Field
          label={t('course.edit.perLearner')}
          type="number"
          inputMode="numeric"
          min={1}
          max={L.maxReviews}
          step={1}
          value={a.perLearner}
          error={errorAt(`${path}.review.reviewsPerLearner`)}
          onChange={(e) => onChange({ ...a, perLearner: e.target.value })}
        />
        <SelectField
          label={t('course.edit.anonymity')}
          value={a.anonymity}
          error={errorAt(`${path}.review.anonymity`)}
          onChange={(e) => onChange({ ...a, anonymity: e.target.value as Anonymity })}
        >
          {ANONYMITIES.map((x) => (
            <option key={x} value={x}>
              {t(`course.anonymity.${x}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <button type="button" className="secondary" onClick={onRemove}>
        {t('course.edit.removeAssignment', { number })}
      </button>
    </fieldset>
  );
}
