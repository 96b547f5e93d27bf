import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { fieldError } from '../../api/problem';
import { TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { ReviewScores } from './my-results';
import { REVIEW_LIMITS, assignmentPath, type Criterion } from './review-data';
import { ApiHtml } from './review-parts';
import { draftBody, draftErrors, draftFrom, type DraftErrors } from './review-draft';
import { RubricForm, exactFieldError } from './rubric-form';

/**
 * The assignment's calibration examples: facilitators add example work with reference scores; learners review them
 * before their peers' work and see how their scores compare.
 */
export function CalibrationItems({
  cohortId,
  assignmentId,
  rubric,
}: {
  cohortId: string;
  assignmentId: string;
  rubric: Criterion[];
}) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const key = ['review-calibration-items', cohortId, assignmentId];
  const items = useQuery({
    queryKey: key,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/calibration-items', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ),
  });
  const [body, setBody] = useState('');
  const [draft, setDraft] = useState(() => draftFrom(rubric, null, null));
  const [errors, setErrors] = useState<DraftErrors & { body?: string }>({});
  const add = useMutation({
    mutationFn: async () => {
      const { scores, overallComment } = draftBody(rubric, draft);
      return unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/calibration-items', {
          params: assignmentPath(cohortId, assignmentId),
          body: { body, scores, overallComment: overallComment ?? '' },
        }),
      );
    },
    onSuccess: async () => {
      setBody('');
      setDraft(draftFrom(rubric, null, null));
      await queries.invalidateQueries({ queryKey: key });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A reference is a complete review: every criterion scored and commented, and an overall comment.
    const found: DraftErrors & { body?: string } = draftErrors(t, rubric, draft, true);
    if (!body.trim()) found.body = t('review.required');
    else if (body.length > REVIEW_LIMITS.bodyMaxLength)
      found.body = t('review.tooLong', { max: REVIEW_LIMITS.bodyMaxLength });
    setErrors(found);
    if (Object.keys(found).length === 0) add.mutate();
  };
  const problem = problemOf(add.error);
  const shown: DraftErrors = { ...errors };
  for (const e of problem?.errors ?? []) shown[e.field] ??= exactFieldError(problem, e.field) ?? e.message;
  return (
    <section className="calibration-items">
      <h2>{t('review.cal.title')}</h2>
      <p className="hint">{t('review.cal.hint')}</p>
      {items.data?.length === 0 && <p>{t('review.cal.none')}</p>}
      <ol className="results">
        {items.data?.map((item) => (
          <li key={item.id} className="card">
            <h3>{t('review.cal.item', { position: item.position })}</h3>
            <ApiHtml html={item.bodyHtml} />
            <ReviewScores scores={item.referenceScores} overallComment={item.referenceComment} rubric={rubric} />
            <p className="meta">{t('review.cal.reviewed', { count: item.reviewsSubmitted })}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={onSubmit} noValidate>
        <h3>{t('review.cal.add')}</h3>
        <TextAreaField
          label={t('review.cal.body')}
          value={body}
          rows={5}
          maxLength={REVIEW_LIMITS.bodyMaxLength}
          onChange={(e) => setBody(e.target.value)}
          error={errors.body ?? fieldError(problem, 'body')}
        />
        <RubricForm rubric={rubric} draft={draft} onChange={setDraft} errors={shown} />
        <button type="submit" disabled={add.isPending}>
          {t('review.cal.add')}
        </button>
        {add.isSuccess && <p role="status">{t('review.cal.added')}</p>}
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      </form>
    </section>
  );
}
