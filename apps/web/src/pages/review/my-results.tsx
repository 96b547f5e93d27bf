import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { fieldError } from '../../api/problem';
import { SelectField, TextAreaField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { Instant } from '../../components/instant';
import {
  REVIEW_LIMITS,
  assignmentPath,
  criterionMax,
  roundScore,
  type Assignment,
  type Criterion,
  type CriterionScoreView,
  type Schemas,
} from './review-data';

type MySubmission = Schemas['MySubmissionDto'];
type ReceivedReviewView = Schemas['ReceivedReviewDto'];
const FLAG_REASONS = ['inappropriate', 'off_topic', 'no_effort'] as const;
type FlagReason = (typeof FLAG_REASONS)[number];

/** The reviews I received (as anonymity lets me see them) and my score, or what their release waits for. */
export function MyResults({
  cohortId,
  assignmentId,
  assignment,
  work,
  zone,
}: {
  cohortId: string;
  assignmentId: string;
  assignment: Assignment;
  work: MySubmission;
  zone: string;
}) {
  const { t } = useI18n();
  const score = useQuery({
    queryKey: ['review-score', cohortId, assignmentId, work.reviewsReceived, work.reviewsReleased],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/scores/mine', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ),
  });
  const released = work.reviewsReleased || score.data?.released === true;
  return (
    <section className="my-results">
      <h2>{t('review.results.title')}</h2>
      {!released && (
        <>
          <p>{t('review.results.waiting')}</p>
          <ul className="waiting">
            <li>{t('review.results.waitReceived', { received: work.reviewsReceived, needed: work.reviewsNeeded })}</li>
            <li>{t('review.results.waitGiven', { given: work.reviewsGiven, needed: work.reviewsToGive })}</li>
            <li>
              {t('review.results.waitWindow')} <Instant utc={work.reviewClosesAt} viewerZone={zone} />
            </li>
          </ul>
        </>
      )}
      {released && score.data && <ScoreView score={score.data} rubric={assignment.rubric} />}
      {released && (
        <>
          <h3>{t('review.results.reviews')}</h3>
          {work.reviews.length === 0 && <p>{t('review.results.noReviews')}</p>}
          <ol className="results received-reviews">
            {work.reviews.map((review, i) => (
              <ReceivedReview
                key={review.id}
                n={i + 1}
                review={review}
                rubric={assignment.rubric}
                cohortId={cohortId}
                assignmentId={assignmentId}
              />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ScoreView({ score, rubric }: { score: Schemas['MyScoreDto']; rubric: Criterion[] }) {
  const { t } = useI18n();
  return (
    <div className="score">
      <h3>{t('review.results.score')}</h3>
      {score.total === null ? (
        <p>{t('review.results.noScore')}</p>
      ) : (
        <p className="total">
          <strong>{t('review.results.total', { total: roundScore(score.total) })}</strong>
          {score.standardDeviation !== null && (
            <> {t('review.results.uncertainty', { sd: roundScore(score.standardDeviation) })}</>
          )}
        </p>
      )}
      <p className="meta">{t(`review.method.${score.aggregationMethod}`)}</p>
      {score.overridden && (
        <p className="override">{t('review.results.overridden', { reason: score.overrideReason ?? '' })}</p>
      )}
      {score.criteria.length > 0 && (
        <div className="table-scroll">
          <table className="criteria-scores">
            <caption>{t('review.results.perCriterion')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.results.criterion')}</th>
                <th scope="col">{t('review.results.criterionScore')}</th>
                <th scope="col">{t('review.results.criterionUncertainty')}</th>
              </tr>
            </thead>
            <tbody>
              {score.criteria.map((c) => {
                const criterion = rubric.find((r) => r.id === c.criterionId);
                return (
                  <tr key={c.criterionId}>
                    <th scope="row">{criterion?.title ?? '—'}</th>
                    <td>
                      {t('review.results.outOf', {
                        score: roundScore(c.score),
                        max: criterion ? criterionMax(criterion) : '—',
                      })}
                    </td>
                    <td>{c.standardDeviation === null ? '—' : `± ${roundScore(c.standardDeviation)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A review's scores and comments, criterion by criterion (shared with the facilitators' queue). */
export function ReviewScores({
  scores,
  overallComment,
  rubric,
}: {
  scores: CriterionScoreView[] | null;
  overallComment: string | null;
  rubric: Criterion[];
}) {
  const { t } = useI18n();
  return (
    <dl className="review-scores">
      {rubric.map((c) => {
        const s = scores?.find((x) => x.criterionId === c.id);
        if (!s) return null;
        return (
          <div key={c.id}>
            <dt>
              {c.title}: {s.level ?? (s.value === undefined ? '—' : roundScore(s.value))}
            </dt>
            {s.comment && <dd>{s.comment}</dd>}
          </div>
        );
      })}
      {overallComment && (
        <div>
          <dt>{t('review.review.overall')}</dt>
          <dd>{overallComment}</dd>
        </div>
      )}
    </dl>
  );
}

function ReceivedReview({
  n,
  review,
  rubric,
  cohortId,
  assignmentId,
}: {
  n: number;
  review: ReceivedReviewView;
  rubric: Criterion[];
  cohortId: string;
  assignmentId: string;
}) {
  const { t } = useI18n();
  const path = { path: { cohortId, assignmentId, reviewId: review.id } };
  // Start from what I said before (kept by the API), so a reload shows my rating and flag.
  const saved = review.myFeedback;
  const [helpfulness, setHelpfulness] = useState(saved.helpfulness === null ? '' : String(saved.helpfulness));
  const [reason, setReason] = useState<FlagReason | ''>(saved.flag?.reason ?? '');
  const [note, setNote] = useState(saved.flag?.note ?? '');
  const [reasonMissing, setReasonMissing] = useState(false);
  const rate = useMutation({
    mutationFn: async (value: number) =>
      unwrap(
        await api.PUT(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/submissions/mine/reviews/{reviewId}/rating',
          { params: path, body: { helpfulness: value } },
        ),
      ),
  });
  const flag = useMutation({
    mutationFn: async (input: { reason: FlagReason; note?: string }) =>
      unwrap(
        await api.PUT(
          '/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/submissions/mine/reviews/{reviewId}/flag',
          {
            params: path,
            body: input,
          },
        ),
      ),
  });
  const by = review.staff
    ? t('review.results.staff')
    : review.reviewer
      ? t('review.results.by', { name: review.reviewer.displayName ?? t('review.results.anonymous') })
      : t('review.results.anonymous');

  const onRate = (event: FormEvent) => {
    event.preventDefault();
    if (helpfulness) rate.mutate(Number(helpfulness));
  };
  const onFlag = (event: FormEvent) => {
    event.preventDefault();
    setReasonMissing(reason === '');
    if (reason === '') return;
    flag.mutate({ reason, ...(note.trim() ? { note } : {}) });
  };
  const flagShown = flag.data?.flag ?? saved.flag;
  const rateProblem = problemOf(rate.error);
  const flagProblem = problemOf(flag.error);
  return (
    <li className="card">
      <h4>
        {t('review.results.review', { n })} · {by}
      </h4>
      <p className="meta">{t('review.version', { version: review.version })}</p>
      <ReviewScores scores={review.scores} overallComment={review.overallComment} rubric={rubric} />
      <form onSubmit={onRate} className="inline-form">
        <SelectField
          label={t('review.rate')}
          value={helpfulness}
          onChange={(e) => setHelpfulness(e.target.value)}
          error={fieldError(rateProblem, 'helpfulness')}
        >
          <option value="">—</option>
          {[1, 2, 3, 4, 5].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={!helpfulness || rate.isPending}>
          {t('review.rate.submit')}
        </button>
        {rate.data?.helpfulness != null ? (
          <p role="status">{t('review.rated', { helpfulness: rate.data.helpfulness })}</p>
        ) : (
          saved.helpfulness !== null && (
            <p className="meta">{t('review.myRating', { helpfulness: saved.helpfulness })}</p>
          )
        )}
      </form>
      {flagShown && <p className="meta">{t('review.myFlag', { reason: t(`review.flag.${flagShown.reason}`) })}</p>}
      <details>
        <summary>{t('review.flag.title')}</summary>
        <form onSubmit={onFlag} noValidate>
          <SelectField
            label={t('review.flag.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value as FlagReason | '')}
            error={reasonMissing ? t('review.flag.choose') : fieldError(flagProblem, 'reason')}
          >
            <option value="">{t('review.flag.none')}</option>
            {FLAG_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`review.flag.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label={t('review.flag.note')}
            value={note}
            rows={2}
            maxLength={REVIEW_LIMITS.flagNoteMaxLength}
            onChange={(e) => setNote(e.target.value)}
            error={fieldError(flagProblem, 'note')}
          />
          <button type="submit" disabled={flag.isPending}>
            {t('review.flag.submit')}
          </button>
          {flag.data?.flag && <p role="status">{t('review.flagged')}</p>}
        </form>
      </details>
    </li>
  );
}
