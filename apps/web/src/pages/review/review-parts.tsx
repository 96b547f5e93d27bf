import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { showTime } from '../../time/zones';
import { reviewPaths, type Assignment, type Criterion } from './review-data';

/**
 * An instant in the viewer's profile zone, with the cohort's time beside it when that reads differently (a cohort's
 * deadlines are set in its zone; a learner far away needs both).
 */
export function CohortInstant({
  utc,
  viewerZone,
  cohortZone,
}: {
  utc: string;
  viewerZone: string;
  cohortZone: string;
}) {
  const { language, t } = useI18n();
  const shown = showTime(utc, viewerZone, cohortZone, language);
  return (
    <span className="time-pair">
      <time dateTime={utc}>{shown.viewer}</time>
      {shown.group && (
        <span className="group-time">
          {' '}
          ({t('review.cohortTime')}: {shown.group})
        </span>
      )}
    </span>
  );
}

/** Sanitized by the API (its Markdown renderer strips scripts and unsafe attributes), so it is set as HTML. */
export function ApiHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className ?? 'markdown'} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function criterionRule(t: ReturnType<typeof useI18n>['t'], criterion: Criterion): string {
  if (criterion.scale) return t('review.criterion.scale', { min: criterion.scale.min, max: criterion.scale.max });
  return (criterion.levels ?? []).map((l) => t('review.level', { label: l.label, points: l.points })).join(' · ');
}

/** The rubric, criterion by criterion, as reviewers will score it. */
export function RubricList({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  return (
    <dl className="rubric">
      {assignment.rubric.map((c) => (
        <div key={c.id}>
          <dt>
            {c.title} <span className="meta">({t('review.criterion.weight', { weight: c.weight })})</span>
          </dt>
          {c.description && <dd>{c.description}</dd>}
          <dd className="meta">{criterionRule(t, c)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Links between an assignment's pages. */
export function AssignmentNav({
  cohortId,
  assignmentId,
  facilitates,
}: {
  cohortId: string;
  assignmentId: string;
  facilitates: boolean;
}) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('review.nav')} className="review-nav">
      <Link to={reviewPaths.assignments(cohortId)}>{t('review.backToAssignments')}</Link>
      {facilitates ? (
        <>
          <Link to={reviewPaths.assignment(cohortId, assignmentId)}>{t('review.assignmentOnly')}</Link>
          <Link to={reviewPaths.facilitate(cohortId, assignmentId)}>{t('review.facilitate')}</Link>
        </>
      ) : (
        <>
          <Link to={reviewPaths.assignment(cohortId, assignmentId)}>{t('review.assignmentPage')}</Link>
          <Link to={reviewPaths.review(cohortId, assignmentId)}>{t('review.progress.start')}</Link>
        </>
      )}
    </nav>
  );
}
