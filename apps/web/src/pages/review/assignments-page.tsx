import { Link, useParams } from 'react-router';
import { problemOf } from '../../api/client';
import { useMe } from '../../api/me';
import { useI18n } from '../../i18n/i18n';
import { browserTimeZone } from '../../time/zones';
import { reviewPaths, useCohortCourse, useMyPeerReview } from './review-data';
import { CohortInstant } from './review-parts';

/** A cohort's peer-reviewed assignments: for a learner, each with their own due date and what to do next. */
export function AssignmentsPage() {
  const cohortId = useParams().cohortId ?? '';
  const { t } = useI18n();
  const me = useMe();
  const course = useCohortCourse(cohortId, me !== null);
  const learner = course.data !== undefined && !course.data.facilitates;
  const mine = useMyPeerReview(cohortId, learner);

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${reviewPaths.assignments(cohortId)}`}>{t('review.logIn')}</Link>
      </p>
    );
  }
  if (course.isPending) return <p>{t('loading')}</p>;
  if (!course.data) return <p role="alert">{problemOf(course.error)?.detail ?? t('error.notFound')}</p>;
  const { cohort, assignments, facilitates } = course.data;
  const zone = me.timeZone || browserTimeZone();
  return (
    <article className="review">
      <h1>{t('review.assignments.title', { title: cohort.title })}</h1>
      {assignments.length === 0 && <p>{t('review.assignments.none')}</p>}
      <ul className="results">
        {assignments.map(({ assignment, moduleTitle }) => {
          const own = mine.data?.find((p) => p.assignmentId === assignment.id);
          return (
            <li key={assignment.id} className="card">
              <h2>
                <Link to={reviewPaths.assignment(cohortId, assignment.id)}>{assignment.title}</Link>
              </h2>
              <p className="meta">{t('review.assignments.module', { title: moduleTitle })}</p>
              {own && (
                <>
                  <p className="due-at">
                    {t('review.dueAt')}:{' '}
                    <CohortInstant utc={own.dueAt} viewerZone={zone} cohortZone={cohort.timeZone} />
                  </p>
                  <p className="tag">{t(`review.next.${own.nextAction}`)}</p>
                  <p className="meta">
                    {t('review.progress.given', { given: own.reviewsGiven, needed: own.reviewsRequired })}
                  </p>
                </>
              )}
              {facilitates && (
                <p>
                  <Link to={reviewPaths.facilitate(cohortId, assignment.id)}>{t('review.facilitate')}</Link>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </article>
  );
}
