import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import { useMe } from '../../api/me';
import { fieldError } from '../../api/problem';
import { Field, SelectField, TextAreaField } from '../../components/field';
import { Instant } from '../../components/instant';
import { useI18n } from '../../i18n/i18n';
import { browserTimeZone } from '../../time/zones';
import { CalibrationItems } from './calibration-items';
import { ReviewScores } from './my-results';
import {
  REVIEW_LIMITS,
  assignmentPath,
  reviewPaths,
  roundScore,
  useCohortCourse,
  type Criterion,
  type Schemas,
} from './review-data';
import { AssignmentNav, CohortInstant } from './review-parts';

type Person = { userId: string; displayName: string };

/**
 * A facilitator's side of an assignment: the queue (short of k, flagged reviews), scores with overrides and their
 * release, and how each reviewer reviews.
 */
export function FacilitatePage() {
  const params = useParams();
  const cohortId = params.cohortId ?? '';
  const assignmentId = params.assignmentId ?? '';
  const { t } = useI18n();
  const me = useMe();
  const course = useCohortCourse(cohortId, me !== null);
  const facilitates = course.data?.facilitates === true;
  const where = assignmentPath(cohortId, assignmentId);
  const queue = useQuery({
    queryKey: ['review-queue', cohortId, assignmentId],
    enabled: facilitates,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/review-queue', { params: where })),
  });
  const scoring = useQuery({
    queryKey: ['review-scoring', cohortId, assignmentId],
    enabled: facilitates,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/scoring', { params: where })),
  });
  const learners = useQuery({
    queryKey: ['review-learners', cohortId],
    enabled: facilitates,
    queryFn: async () => {
      const people: Person[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/cohorts/{cohortId}/roster', {
            params: { path: { cohortId }, query: { status: 'active', limit: 100, cursor } },
          }),
        );
        people.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return people;
    },
  });

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${reviewPaths.facilitate(cohortId, assignmentId)}`}>{t('review.logIn')}</Link>
      </p>
    );
  }
  if (course.isPending) return <p>{t('loading')}</p>;
  const found = course.data?.assignments.find((a) => a.assignment.id === assignmentId);
  if (!course.data || !found) return <p role="alert">{problemOf(course.error)?.detail ?? t('error.notFound')}</p>;
  if (!facilitates) return <p role="alert">{t('review.fac.only')}</p>;
  const { assignment } = found;
  const zone = me.timeZone || browserTimeZone();
  const cohortZone = course.data.cohort.timeZone;

  return (
    <article className="review">
      <h1>{t('review.fac.title', { title: assignment.title })}</h1>
      <p className="meta">{course.data.cohort.title}</p>
      <AssignmentNav cohortId={cohortId} assignmentId={assignmentId} facilitates />
      <Release cohortId={cohortId} assignmentId={assignmentId} scoring={scoring.data} zone={zone} />
      <section>
        <h2>{t('review.fac.short')}</h2>
        {queue.isPending && <p>{t('loading')}</p>}
        {queue.data?.shortOfReviews.length === 0 && <p>{t('review.fac.shortNone')}</p>}
        <ul className="results">
          {queue.data?.shortOfReviews.map((s) => (
            <li key={s.submissionId} className="card short">
              <h3>{t('review.fac.workBy', { name: s.author.displayName ?? '—' })}</h3>
              <p>
                {s.reason === 'uncertain'
                  ? t('review.fac.reason.uncertain', {
                      sd: roundScore(s.standardDeviation ?? 0),
                      needed: s.reviewsNeeded,
                      received: s.reviewsReceived,
                    })
                  : t('review.fac.reason.short', { needed: s.reviewsNeeded, received: s.reviewsReceived })}
              </p>
              <p className="meta">
                {t('review.window.closed')}{' '}
                <CohortInstant utc={s.reviewClosesAt} viewerZone={zone} cohortZone={cohortZone} />
                {s.openLeases > 0 && (
                  <>
                    {' · '}
                    <span className="open-leases">{t('review.fac.openLeases', { count: s.openLeases })}</span>
                  </>
                )}
              </p>
              <AssignReviewer
                cohortId={cohortId}
                assignmentId={assignmentId}
                submissionId={s.submissionId}
                authorName={s.author.displayName ?? ''}
                people={(learners.data ?? []).filter((p) => p.userId !== s.author.id)}
              />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('review.fac.flags')}</h2>
        {queue.data?.flaggedReviews.length === 0 && <p>{t('review.fac.flagsNone')}</p>}
        <ul className="results">
          {queue.data?.flaggedReviews.map((f) => (
            <FlaggedReview
              key={f.reviewId}
              flagged={f}
              rubric={assignment.rubric}
              cohortId={cohortId}
              assignmentId={assignmentId}
            />
          ))}
        </ul>
      </section>
      <Scores cohortId={cohortId} assignmentId={assignmentId} />
      <Standing cohortId={cohortId} assignmentId={assignmentId} />
      <CalibrationItems cohortId={cohortId} assignmentId={assignmentId} rubric={assignment.rubric} />
    </article>
  );
}

function useRefreshAssignment(cohortId: string, assignmentId: string) {
  const queries = useQueryClient();
  return () =>
    Promise.all(
      ['review-queue', 'review-scores', 'review-standing', 'review-scoring'].map((key) =>
        queries.invalidateQueries({ queryKey: [key, cohortId, assignmentId] }),
      ),
    );
}

function Release({
  cohortId,
  assignmentId,
  scoring,
  zone,
}: {
  cohortId: string;
  assignmentId: string;
  scoring: Schemas['AssignmentScoringDto'] | undefined;
  zone: string;
}) {
  const { t } = useI18n();
  const refresh = useRefreshAssignment(cohortId, assignmentId);
  const release = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/scores/release', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <section className="release">
      <h2>{t('review.fac.release.title')}</h2>
      {scoring && <p className="meta">{t(`review.method.${scoring.aggregationMethod}`)}</p>}
      {scoring?.releasedAt ? (
        <p role="status">
          {t('review.fac.released')} <Instant utc={scoring.releasedAt} viewerZone={zone} />
        </p>
      ) : (
        <>
          <p>{t('review.fac.release.hint')}</p>
          <button type="button" onClick={() => release.mutate()} disabled={release.isPending}>
            {t('review.fac.release')}
          </button>
        </>
      )}
      {release.isError && <p role="alert">{problemOf(release.error)?.detail ?? t('error.generic')}</p>}
    </section>
  );
}

function AssignReviewer({
  cohortId,
  assignmentId,
  submissionId,
  authorName,
  people,
}: {
  cohortId: string;
  assignmentId: string;
  submissionId: string;
  authorName: string;
  people: Person[];
}) {
  const { t } = useI18n();
  const refresh = useRefreshAssignment(cohortId, assignmentId);
  const [reviewerId, setReviewerId] = useState('');
  const [missing, setMissing] = useState(false);
  const assign = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/review-queue/submissions/{submissionId}/reviewers',
          { params: { path: { cohortId, assignmentId, submissionId } }, body: { reviewerId: id } },
        ),
      ),
    onSuccess: refresh,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reviewerId);
    if (reviewerId) assign.mutate(reviewerId);
  };
  const problem = problemOf(assign.error);
  return (
    <form onSubmit={onSubmit} noValidate className="inline-form">
      <SelectField
        label={t('review.fac.assignTo', { name: authorName })}
        value={reviewerId}
        onChange={(e) => setReviewerId(e.target.value)}
        error={missing ? t('review.fac.pick') : (fieldError(problem, 'reviewerId') ?? problem?.detail)}
      >
        <option value="">{t('review.fac.pick')}</option>
        {people.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.displayName}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={assign.isPending}>
        {t('review.fac.assign')}
      </button>
      {assign.isSuccess && <p role="status">{t('review.fac.assigned')}</p>}
    </form>
  );
}

function FlaggedReview({
  flagged,
  rubric,
  cohortId,
  assignmentId,
}: {
  flagged: Schemas['FlaggedReviewDto'];
  rubric: Criterion[];
  cohortId: string;
  assignmentId: string;
}) {
  const { t } = useI18n();
  const refresh = useRefreshAssignment(cohortId, assignmentId);
  const path = { path: { cohortId, assignmentId, reviewId: flagged.reviewId } };
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const remove = useMutation({
    mutationFn: async (why: string) =>
      unwrap(
        await api.POST(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/review-queue/reviews/{reviewId}/removal',
          {
            params: path,
            body: { reason: why },
          },
        ),
      ),
    onSuccess: refresh,
  });
  const dismiss = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/review-queue/reviews/{reviewId}/flag-dismissal',
          { params: path },
        ),
      ),
    onSuccess: refresh,
  });
  const reviewer = flagged.staff
    ? t('review.results.staff')
    : (flagged.reviewer?.displayName ?? t('review.results.anonymous'));
  const onRemove = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (reason.trim()) remove.mutate(reason);
  };
  const problem = problemOf(remove.error ?? dismiss.error);
  return (
    <li className="card flagged">
      <h3>{t('review.fac.reviewerOf', { reviewer, author: flagged.author.displayName ?? '—' })}</h3>
      <p>
        <strong>{t('review.fac.flagReason', { reason: t(`review.flag.${flagged.reason}`) })}</strong>
        {flagged.note && <> — {flagged.note}</>}
      </p>
      <ReviewScores scores={flagged.scores} overallComment={flagged.overallComment} rubric={rubric} />
      <form onSubmit={onRemove} noValidate>
        <TextAreaField
          label={t('review.fac.removeReason')}
          value={reason}
          rows={2}
          maxLength={REVIEW_LIMITS.reasonMaxLength}
          onChange={(e) => setReason(e.target.value)}
          error={missing ? t('review.required') : fieldError(problem, 'reason')}
        />
        <div className="actions">
          <button type="submit" disabled={remove.isPending}>
            {t('review.fac.remove')}
          </button>
          <button type="button" className="secondary" onClick={() => dismiss.mutate()} disabled={dismiss.isPending}>
            {t('review.fac.dismiss')}
          </button>
        </div>
      </form>
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </li>
  );
}

function Scores({ cohortId, assignmentId }: { cohortId: string; assignmentId: string }) {
  const { t } = useI18n();
  const scores = useQuery({
    queryKey: ['review-scores', cohortId, assignmentId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/scores', {
          params: { ...assignmentPath(cohortId, assignmentId), query: { limit: 100 } },
        }),
      ),
  });
  return (
    <section>
      <h2>{t('review.fac.scores')}</h2>
      {scores.data?.items.length === 0 && <p>{t('review.fac.scoresNone')}</p>}
      <ul className="results">
        {scores.data?.items.map((s) => (
          <ScoreItem key={s.submissionId} score={s} cohortId={cohortId} assignmentId={assignmentId} />
        ))}
      </ul>
    </section>
  );
}

function ScoreItem({
  score,
  cohortId,
  assignmentId,
}: {
  score: Schemas['FacilitatorScoreDto'];
  cohortId: string;
  assignmentId: string;
}) {
  const { t } = useI18n();
  const refresh = useRefreshAssignment(cohortId, assignmentId);
  const name = score.author.displayName ?? '—';
  const [total, setTotal] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ total?: string; reason?: string }>({});
  const override = useMutation({
    mutationFn: async (body: { total: number; reason: string }) =>
      unwrap(
        await api.POST(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/submissions/{submissionId}/score-overrides',
          { params: { path: { cohortId, assignmentId, submissionId: score.submissionId } }, body },
        ),
      ),
    onSuccess: async () => {
      setTotal('');
      setReason('');
      await refresh();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(total);
    const found: { total?: string; reason?: string } = {};
    // The API's rule: 0 to 100, two decimals at most.
    if (
      total.trim() === '' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > 100 ||
      Math.round(value * 100) !== value * 100
    )
      found.total = t('review.fac.range');
    if (!reason.trim()) found.reason = t('review.required');
    else if (reason.length > REVIEW_LIMITS.reasonMaxLength)
      found.reason = t('review.tooLong', { max: REVIEW_LIMITS.reasonMaxLength });
    setErrors(found);
    if (!found.total && !found.reason) override.mutate({ total: value, reason });
  };
  const problem = problemOf(override.error);
  return (
    <li className="card score-item">
      <h3>{name}</h3>
      <p className="total">
        {score.total === null ? (
          t('review.fac.noScore')
        ) : (
          <strong>{t('review.results.total', { total: roundScore(score.total) })}</strong>
        )}
        {score.standardDeviation !== null && (
          <> {t('review.results.uncertainty', { sd: roundScore(score.standardDeviation) })}</>
        )}
        {' · '}
        {t('review.fac.reviewCount', { count: score.reviewsReceived })}
        {score.needsMoreReviews && <span className="tag"> {t('review.fac.needsMore')}</span>}
      </p>
      {score.override && (
        <p className="override">
          {t('review.fac.overridden', { total: roundScore(score.override.total), reason: score.override.reason })}
        </p>
      )}
      {score.history.length > 1 && (
        <details>
          <summary>{t('review.fac.history')}</summary>
          <ul>
            {score.history.map((h) => (
              <li key={h.setAt}>
                {t('review.fac.overridden', { total: roundScore(h.total), reason: h.reason })}
                {h.setBy && <> — {h.setBy.displayName}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <form onSubmit={onSubmit} noValidate className="override-form">
        <Field
          label={t('review.fac.overrideTotal', { name })}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="0.01"
          value={total}
          onChange={(e) => setTotal(e.target.value)}
          error={errors.total ?? fieldError(problem, 'total')}
        />
        <Field
          label={t('review.fac.overrideReason', { name })}
          value={reason}
          maxLength={REVIEW_LIMITS.reasonMaxLength}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason ?? fieldError(problem, 'reason')}
        />
        <button type="submit" disabled={override.isPending}>
          {t('review.fac.override')}
        </button>
      </form>
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </li>
  );
}

function Standing({ cohortId, assignmentId }: { cohortId: string; assignmentId: string }) {
  const { t } = useI18n();
  const standing = useQuery({
    queryKey: ['review-standing', cohortId, assignmentId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviewer-standing', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ),
  });
  const figure = (value: number | null) => (value === null ? '—' : roundScore(value));
  return (
    <section>
      <h2>{t('review.fac.standing')}</h2>
      {standing.data?.reviewers.length === 0 && <p>{t('review.fac.standingNone')}</p>}
      {standing.data && standing.data.reviewers.length > 0 && (
        <div className="table-scroll">
          <table className="standing">
            <thead>
              <tr>
                <th scope="col">{t('review.fac.reviewer')}</th>
                <th scope="col">{t('review.fac.given')}</th>
                <th scope="col">{t('review.fac.onTime')}</th>
                <th scope="col">{t('review.fac.removedCol')}</th>
                <th scope="col">{t('review.fac.helpfulness')}</th>
                <th scope="col">{t('review.fac.bias')}</th>
                <th scope="col">{t('review.fac.noise')}</th>
              </tr>
            </thead>
            <tbody>
              {standing.data.reviewers.map((r) => (
                <tr key={r.reviewer.id}>
                  <th scope="row">
                    {r.reviewer.displayName ?? '—'}
                    {r.staff && <> ({t('review.fac.staff')})</>}
                  </th>
                  <td>
                    {r.reviewsGiven} / {r.reviewsRequired}
                  </td>
                  <td>{r.reviewsOnTime}</td>
                  <td>{r.reviewsRemoved}</td>
                  <td>
                    {figure(r.helpfulness.mean)} ({r.helpfulness.ratings})
                  </td>
                  <td>{figure(r.bias)}</td>
                  <td>{figure(r.noiseStandardDeviation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
