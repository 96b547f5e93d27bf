import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSignedIn } from '../api/me';
import { formatLocalDate } from '../components/cohort/cohort-time';
import { useI18n } from '../i18n/i18n';

/** My cohorts: those I run, follow, or asked to join; and the ways to a new one (start one, or an invite code). */
export function CohortListPage() {
  const { t, language } = useI18n();
  const signedIn = useSignedIn();
  const mine = useQuery({
    queryKey: ['my-cohorts'],
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/me/cohorts', { params: { query: { limit: 100 } } })),
  });
  if (!signedIn) return <Navigate to="/login?next=/cohorts" replace />;
  return (
    <section>
      <h1>{t('cohort.mine.title')}</h1>
      <p className="actions">
        <Link className="button" to="/cohorts/new">
          {t('cohort.new.title')}
        </Link>{' '}
        <Link to="/cohorts/join">{t('cohort.join.byCode')}</Link>
      </p>
      {mine.isPending && <p>{t('loading')}</p>}
      {mine.data?.items.length === 0 && <p>{t('cohort.mine.none')}</p>}
      <ul className="results">
        {mine.data?.items.map((c) => (
          <li key={c.cohortId} className="card">
            <h2>
              <Link to={`/cohorts/${c.cohortId}`}>{c.title}</Link>
            </h2>
            <p className="meta">
              {c.courseTitle} · {t('cohort.starts')} {formatLocalDate(c.startDate, language)} ({c.timeZone})
            </p>
            <p className="tag">
              {c.role === 'facilitator' ? t('cohort.mine.facilitator') : t(`cohort.mine.status.${c.status}`)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
