import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import { useMe } from '../../api/me';
import type { Problem } from '../../api/problem';
import { ProblemError } from '../../api/problem';
import { Instant } from '../../components/instant';
import { useI18n } from '../../i18n/i18n';
import { browserTimeZone } from '../../time/zones';
import { mySubmissionKey } from './assignment-page';
import {
  assignmentPath,
  reviewPaths,
  roundScore,
  useCohortCourse,
  useMyPeerReview,
  type CalibrationReview,
  type Criterion,
  type ReviewAssignment,
  type Schemas,
} from './review-data';
import { ApiHtml, AssignmentNav, RubricList } from './review-parts';
import { AttachmentList, WorkLinks } from './assignment-page';
import { draftBody, draftErrors, draftFrom, type Draft, type DraftErrors } from './review-draft';
import { RubricForm, exactFieldError } from './rubric-form';

/** How long typing waits before the draft is saved: a few keystrokes make one request. */
const SAVE_DELAY_MS = 800;
/** Editing renews the lease at most this often (browser time is only used for this interval, never for the expiry). */
const RENEW_EVERY_MS = 10 * 60_000;

type Current =
  | { kind: 'peer'; review: ReviewAssignment }
  | { kind: 'calibration'; review: CalibrationReview }
  | { kind: 'nothing' }
  | { kind: 'submitFirst' };

/** Review the next submission against the rubric (calibration items first where the assignment has them). */
export function ReviewPage() {
  const params = useParams();
  const cohortId = params.cohortId ?? '';
  const assignmentId = params.assignmentId ?? '';
  const { t } = useI18n();
  const me = useMe();
  const queries = useQueryClient();
  const course = useCohortCourse(cohortId, me !== null);
  const progress = useMyPeerReview(cohortId, me !== null);
  // undefined until this visit asks for one: the open lease (if any) shows meanwhile.
  const [current, setCurrent] = useState<Current | null | undefined>(undefined);
  const [finished, setFinished] = useState<'peer' | null>(null);

  // A lease or a calibration draft already open is picked up where it was left.
  const open = useQuery({
    queryKey: ['review-open', cohortId, assignmentId],
    enabled: me !== null,
    queryFn: async (): Promise<Current | null> => {
      const [peer, calibration] = await Promise.all([
        api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviews/mine', {
          params: assignmentPath(cohortId, assignmentId),
        }),
        api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/calibration-reviews/mine', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ]);
      const draft = (calibration.data ?? []).find((c) => c.status === 'draft');
      if (draft) return { kind: 'calibration', review: draft };
      const leased = unwrap(peer).find((r) => r.status === 'leased');
      return leased ? { kind: 'peer', review: leased } : null;
    },
    // Never shown from an earlier visit's cache: that lease may have been submitted or expired since.
    gcTime: 0,
    refetchOnWindowFocus: false,
  });

  const next = useMutation({
    mutationFn: async (): Promise<Current> => {
      const result = await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviews/next', {
        params: assignmentPath(cohortId, assignmentId),
      });
      if (result.response.status === 204) return { kind: 'nothing' };
      if (result.response.status === 409) return { kind: 'submitFirst' };
      const body = unwrap(result);
      return body.kind === 'calibration' ? { kind: 'calibration', review: body } : { kind: 'peer', review: body };
    },
    onSuccess: (got) => {
      setFinished(null);
      setCurrent(got);
    },
  });

  const onPeerSubmitted = useCallback(async () => {
    // The counts are fetched again before "done" shows, so the two never disagree.
    await Promise.all([
      queries.invalidateQueries({ queryKey: ['review-me', cohortId] }),
      queries.invalidateQueries({ queryKey: mySubmissionKey(cohortId, assignmentId) }),
    ]);
    setFinished('peer');
    setCurrent(null);
  }, [queries, cohortId, assignmentId]);

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${reviewPaths.review(cohortId, assignmentId)}`}>{t('review.logIn')}</Link>
      </p>
    );
  }
  if (course.isPending || open.isPending) return <p>{t('loading')}</p>;
  const found = course.data?.assignments.find((a) => a.assignment.id === assignmentId);
  if (!course.data || !found) return <p role="alert">{problemOf(course.error)?.detail ?? t('error.notFound')}</p>;
  const { assignment } = found;
  const own = progress.data?.find((p) => p.assignmentId === assignmentId);
  const shown = current === undefined ? (open.data ?? null) : current;
  const zone = me.timeZone || browserTimeZone();

  return (
    <article className="review">
      <h1>{t('review.review.title', { title: assignment.title })}</h1>
      <AssignmentNav cohortId={cohortId} assignmentId={assignmentId} facilitates={course.data.facilitates} />
      {own && (
        <p className="reviews-given">
          {t('review.progress.given', { given: own.reviewsGiven, needed: own.reviewsRequired })}
        </p>
      )}
      {finished === 'peer' && <p role="status">{t('review.review.done')}</p>}
      {(shown === null || shown.kind === 'nothing' || shown.kind === 'submitFirst') && (
        <section>
          <p>{t('review.review.intro')}</p>
          {shown?.kind === 'nothing' && <p role="status">{t('review.review.nothing')}</p>}
          {shown?.kind === 'submitFirst' && (
            <p role="alert">
              {t('review.review.submitFirst')}{' '}
              <Link to={reviewPaths.assignment(cohortId, assignmentId)}>{t('review.assignmentPage')}</Link>
            </p>
          )}
          {next.isError && <p role="alert">{problemOf(next.error)?.detail ?? t('error.generic')}</p>}
          <button type="button" onClick={() => next.mutate()} disabled={next.isPending}>
            {finished === 'peer' ? t('review.review.another') : t('review.progress.start')}
          </button>
        </section>
      )}
      {shown?.kind === 'peer' && (
        <PeerReviewEditor
          key={shown.review.id}
          cohortId={cohortId}
          assignmentId={assignmentId}
          rubric={assignment.rubric}
          review={shown.review}
          zone={zone}
          onSubmitted={onPeerSubmitted}
          onLost={() => setCurrent({ kind: 'nothing' })}
        />
      )}
      {shown?.kind === 'calibration' && (
        <CalibrationEditor
          key={shown.review.id}
          cohortId={cohortId}
          assignmentId={assignmentId}
          rubric={assignment.rubric}
          review={shown.review}
          onContinue={() => next.mutate()}
        />
      )}
      <details className="rubric-details">
        <summary>{t('review.rubric')}</summary>
        <RubricList assignment={assignment} />
      </details>
    </article>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * A draft edited against the rubric and saved as you go: each change is saved after a pause (one PUT for a burst of
 * typing, in order), and `flush` saves what is pending before the review is submitted.
 */
function useDraft(rubric: Criterion[], initial: Draft, save: (body: Schemas['ReviewDraftDto']) => Promise<void>) {
  const { t } = useI18n();
  const [draft, setDraftState] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [state, setState] = useState<SaveState>('idle');
  const [problem, setProblem] = useState<Problem | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  saveRef.current = save;

  const persist = useCallback((): Promise<void> => {
    timer.current = null;
    const body = draftBody(rubric, latest.current);
    // Saves run one after another, so an older draft never lands after a newer one.
    chain.current = chain.current.then(async () => {
      setState('saving');
      try {
        await saveRef.current(body);
        setState('saved');
        setProblem(null);
      } catch (error) {
        setState('failed');
        setProblem(error instanceof ProblemError ? error.problem : null);
      }
    });
    return chain.current;
  }, [rubric]);

  // Leaving the page saves what was typed in the last moments rather than dropping it.
  const persistRef = useRef(persist);
  persistRef.current = persist;
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      void persistRef.current();
    },
    [],
  );

  const setDraft = (next: Draft) => {
    latest.current = next;
    setDraftState(next);
    // Only the rules a draft must keep (ranges, lengths) are checked while typing; completeness waits for submit.
    const found = draftErrors(t, rubric, next, false);
    setErrors(found);
    if (timer.current) clearTimeout(timer.current);
    if (Object.keys(found).length === 0) timer.current = setTimeout(() => void persist(), SAVE_DELAY_MS);
  };

  const flush = async (): Promise<boolean> => {
    const found = draftErrors(t, rubric, latest.current, true);
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    if (timer.current) clearTimeout(timer.current);
    await persist();
    return true;
  };

  return { draft, setDraft, errors, state, problem, flush };
}

/** The client's and the API's messages, by field (the API names a criterion's score and comment apart). */
function mergedErrors(rubric: Criterion[], errors: DraftErrors, problem: Problem | null): DraftErrors {
  const merged: DraftErrors = { ...errors };
  for (const c of rubric) {
    for (const field of [`scores.${c.id}`, `scores.${c.id}.comment`]) {
      merged[field] ??= exactFieldError(problem, field) ?? '';
      if (!merged[field]) delete merged[field];
    }
  }
  merged.overallComment ??= exactFieldError(problem, 'overallComment') ?? '';
  if (!merged.overallComment) delete merged.overallComment;
  return merged;
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  return (
    <p role="status" className="save-state">
      {state === 'saving' && t('review.review.saving')}
      {state === 'saved' && t('review.review.saved')}
    </p>
  );
}

function PeerReviewEditor({
  cohortId,
  assignmentId,
  rubric,
  review,
  zone,
  onSubmitted,
  onLost,
}: {
  cohortId: string;
  assignmentId: string;
  rubric: Criterion[];
  review: ReviewAssignment;
  zone: string;
  onSubmitted: () => Promise<void>;
  onLost: () => void;
}) {
  const { t } = useI18n();
  const path = { path: { cohortId, assignmentId, reviewId: review.id } };
  const [leaseExpiresAt, setLeaseExpiresAt] = useState(review.leaseExpiresAt);
  const [renewedNow, setRenewedNow] = useState(false);
  const lastRenewal = useRef(Date.now());
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const [expired, setExpired] = useState(false);

  const renew = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviews/{reviewId}/lease', {
          params: path,
        }),
      ),
    onSuccess: (saved) => {
      lastRenewal.current = Date.now();
      setLeaseExpiresAt(saved.leaseExpiresAt);
    },
    onError: (error) => {
      if (problemOf(error)?.code === 'lease_expired') setExpired(true);
    },
  });

  const editor = useDraft(rubric, draftFrom(rubric, review.scores, review.overallComment), async (body) => {
    const saved = unwrap(
      await api.PUT('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviews/{reviewId}', { params: path, body }),
    );
    setLeaseExpiresAt(saved.leaseExpiresAt);
  });
  useEffect(() => {
    if (editor.problem?.code === 'lease_expired') setExpired(true);
  }, [editor.problem]);

  const onChange = (draft: Draft) => {
    editor.setDraft(draft);
    // Drafting keeps the lease: renewed while the reviewer works, not on a timer that would hold it forever.
    if (Date.now() - lastRenewal.current > RENEW_EVERY_MS && !renew.isPending) renew.mutate();
  };

  const submit = useMutation({
    mutationFn: async () => {
      setSubmitProblem(null);
      if (!(await editor.flush())) return false;
      const result = await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviews/{reviewId}/submit', {
        params: path,
      });
      unwrap(result);
      return true;
    },
    onSuccess: async (done) => {
      if (done) await onSubmitted();
    },
    onError: (error) => {
      const problem = problemOf(error);
      setSubmitProblem(problem);
      if (problem?.code === 'lease_expired') setExpired(true);
    },
  });

  const errors = mergedErrors(rubric, editor.errors, submitProblem ?? editor.problem);
  if (expired) {
    return (
      <section>
        <p role="alert">{t('review.review.leaseExpired')}</p>
        <button type="button" onClick={onLost}>
          {t('review.review.another')}
        </button>
      </section>
    );
  }
  return (
    <section className="review-editor">
      <div className="lease">
        <p>
          {t('review.review.lease')} <Instant utc={leaseExpiresAt} viewerZone={zone} />
        </p>
        <button
          type="button"
          className="secondary"
          onClick={() => renew.mutate(undefined, { onSuccess: () => setRenewedNow(true) })}
          disabled={renew.isPending}
        >
          {t('review.review.renew')}
        </button>
        {renewedNow && <p role="status">{t('review.review.renewed')}</p>}
      </div>
      <h2>{t('review.review.work', { version: review.version })}</h2>
      {review.author && <p className="meta">{t('review.results.by', { name: review.author.displayName ?? '' })}</p>}
      <div className="work card">
        <ApiHtml html={review.submission.bodyHtml} />
        <WorkLinks links={review.submission.links} />
        <AttachmentList cohortId={cohortId} assignmentId={assignmentId} attachments={review.submission.attachments} />
      </div>
      <h2>{t('review.review.yourReview')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <RubricForm rubric={rubric} draft={editor.draft} onChange={onChange} errors={errors} />
        <SaveStatus state={editor.state} />
        {submitProblem && !submitProblem.errors?.length && (
          <p role="alert">{submitProblem.detail ?? t('error.generic')}</p>
        )}
        <button type="submit" disabled={submit.isPending}>
          {t('review.review.submit')}
        </button>
      </form>
    </section>
  );
}

function CalibrationEditor({
  cohortId,
  assignmentId,
  rubric,
  review,
  onContinue,
}: {
  cohortId: string;
  assignmentId: string;
  rubric: Criterion[];
  review: CalibrationReview;
  onContinue: () => void;
}) {
  const { t } = useI18n();
  const path = { path: { cohortId, assignmentId, reviewId: review.id } };
  const [result, setResult] = useState<CalibrationReview | null>(review.status === 'submitted' ? review : null);
  const [submitProblem, setSubmitProblem] = useState<Problem | null>(null);
  const editor = useDraft(rubric, draftFrom(rubric, review.scores, review.overallComment), async (body) => {
    unwrap(
      await api.PUT('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/calibration-reviews/{reviewId}', {
        params: path,
        body,
      }),
    );
  });
  const submit = useMutation({
    mutationFn: async () => {
      setSubmitProblem(null);
      if (!(await editor.flush())) return null;
      return unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/calibration-reviews/{reviewId}/submit', {
          params: path,
        }),
      );
    },
    onSuccess: (done) => {
      if (done) setResult(done);
    },
    onError: (error) => setSubmitProblem(problemOf(error)),
  });
  const errors = mergedErrors(rubric, editor.errors, submitProblem ?? editor.problem);
  return (
    <section className="review-editor calibration">
      <h2>{t('review.calibration.title', { position: review.position, count: review.itemCount })}</h2>
      <p>{t('review.calibration.intro')}</p>
      <div className="work card">
        <ApiHtml html={review.item.bodyHtml} />
      </div>
      {result?.comparison ? (
        <Comparison result={result} onContinue={onContinue} />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate();
          }}
        >
          <RubricForm rubric={rubric} draft={editor.draft} onChange={editor.setDraft} errors={errors} />
          <SaveStatus state={editor.state} />
          {submitProblem && !submitProblem.errors?.length && (
            <p role="alert">{submitProblem.detail ?? t('error.generic')}</p>
          )}
          <button type="submit" disabled={submit.isPending}>
            {t('review.review.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

function Comparison({ result, onContinue }: { result: CalibrationReview; onContinue: () => void }) {
  const { t } = useI18n();
  const comparison = result.comparison!;
  const shown = (s: Schemas['CriterionScoreViewDto'], points: number) =>
    s.level ? `${s.level} (${roundScore(points)})` : roundScore(points);
  return (
    <div className="comparison">
      <h3>{t('review.calibration.compare')}</h3>
      <p role="status">
        {t('review.calibration.summary', { close: comparison.closeCount, count: comparison.criteria.length })}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('review.results.criterion')}</th>
              <th scope="col">{t('review.calibration.given')}</th>
              <th scope="col">{t('review.calibration.reference')}</th>
              <th scope="col">{t('review.calibration.agreement')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.criteria.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{c.title}</th>
                <td>{shown(c.given, c.givenPoints)}</td>
                <td>{shown(c.reference, c.referencePoints)}</td>
                <td>
                  {c.agreement === 'close'
                    ? t('review.calibration.close')
                    : t(`review.calibration.${c.agreement}`, { diff: roundScore(Math.abs(c.difference)) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.referenceComment && (
        <p>
          <strong>{t('review.calibration.referenceComment')}</strong> {result.referenceComment}
        </p>
      )}
      <button type="button" onClick={onContinue}>
        {t('review.calibration.continue')}
      </button>
    </div>
  );
}
