import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { assignmentPath, roundScore } from './review-data';

/**
 * My own reviewing, as feedback: on time, how helpful authors found it, and (once the reviewer model has enough)
 * how far my scores sit from the estimated truth. Built from the figures, so it reads in my language.
 */
export function MyStanding({ cohortId, assignmentId }: { cohortId: string; assignmentId: string }) {
  const { t } = useI18n();
  const standing = useQuery({
    queryKey: ['review-standing-mine', cohortId, assignmentId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/assignments/{assignmentId}/reviewer-standing/mine', {
          params: assignmentPath(cohortId, assignmentId),
        }),
      ),
  });
  const s = standing.data;
  if (!s || s.reviewsGiven === 0) return null;
  const bias = s.bias === null ? null : Math.round(s.bias);
  return (
    <section className="my-standing">
      <h2>{t('review.standing.title')}</h2>
      <ul>
        <li>{t('review.standing.onTime', { onTime: s.reviewsOnTime, given: s.reviewsGiven })}</li>
        <li>
          {s.helpfulness.mean === null
            ? t('review.standing.noRatings')
            : t('review.standing.helpfulness', { mean: roundScore(s.helpfulness.mean), count: s.helpfulness.ratings })}
        </li>
        <li>
          {bias === null
            ? t('review.standing.biasUnknown')
            : bias === 0
              ? t('review.standing.biasNone')
              : t(bias > 0 ? 'review.standing.biasHigher' : 'review.standing.biasLower', { points: Math.abs(bias) })}
        </li>
        {s.reviewsRemoved > 0 && <li>{t('review.standing.removed', { count: s.reviewsRemoved })}</li>}
      </ul>
    </section>
  );
}
