import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { useI18n } from '../../i18n/i18n';
import { SelectField } from '../field';
import { Instant } from '../instant';
import type { CohortDetail } from './cohort-data';

type Flag = 'missed-deadline' | 'inactive' | 'no-group' | 'reviews-owed';
const FLAGS: readonly Flag[] = ['missed-deadline', 'inactive', 'no-group', 'reviews-owed'];

/** The facilitator's dashboard: who is where, who is at risk and why, and the same table as a CSV file. */
export function Dashboard({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const [flag, setFlag] = useState<Flag | 'at-risk' | ''>('');
  const dashboard = useQuery({
    queryKey: ['cohort-dashboard', c.id, flag],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/dashboard', {
          params: { path: { cohortId: c.id }, query: flag ? { flag } : {} },
        }),
      ),
  });
  const csv = useMutation({
    mutationFn: async () => {
      // The file needs the bearer token, so it is fetched here and handed to the browser as a download.
      const { data, response } = await api.GET('/api/v1/cohorts/{cohortId}/dashboard.csv', {
        params: { path: { cohortId: c.id }, query: flag ? { flag } : {} },
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw new Error(response.statusText);
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'cohort.csv';
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const d = dashboard.data;
  const flagsOf = (row: NonNullable<typeof d>['items'][number]) =>
    [
      row.flags.missedDeadline && 'missed-deadline',
      row.flags.inactive && 'inactive',
      row.flags.noGroup && 'no-group',
      row.flags.reviewsOwed && 'reviews-owed',
    ].filter((f): f is Flag => typeof f === 'string');
  return (
    <section aria-labelledby="cohort-dashboard">
      <h2 id="cohort-dashboard">{t('cohort.dashboard.title')}</h2>
      {d && (
        <p className="meta summary">
          {t('cohort.dashboard.summary', { learners: d.summary.learners, atRisk: d.summary.atRisk })}
        </p>
      )}
      <div className="dashboard-tools">
        <SelectField
          label={t('cohort.dashboard.filter')}
          value={flag}
          onChange={(e) => setFlag(e.target.value as Flag | 'at-risk' | '')}
        >
          <option value="">{t('cohort.dashboard.everyone')}</option>
          <option value="at-risk">{t('cohort.dashboard.atRisk')}</option>
          {FLAGS.map((f) => (
            <option key={f} value={f}>
              {t(`cohort.flag.${f}`)}
            </option>
          ))}
        </SelectField>
        <button type="button" className="secondary" onClick={() => csv.mutate()} disabled={csv.isPending}>
          {t('cohort.dashboard.csv')}
        </button>
      </div>
      {csv.isError && <p role="alert">{t('error.generic')}</p>}
      {dashboard.isError && <p role="alert">{problemOf(dashboard.error)?.detail ?? t('error.generic')}</p>}
      {d && d.items.length === 0 && <p>{t('cohort.dashboard.none')}</p>}
      {/* The flags come right after the name: on a phone they are what shows without scrolling. */}
      {d && d.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="cohort-dashboard">
          <table className="dashboard">
            <thead>
              <tr>
                <th scope="col">{t('cohort.dashboard.learner')}</th>
                <th scope="col">{t('cohort.dashboard.flags')}</th>
                <th scope="col">{t('cohort.dashboard.group')}</th>
                <th scope="col">{t('cohort.dashboard.modules')}</th>
                <th scope="col">{t('cohort.dashboard.overdue')}</th>
                <th scope="col">{t('cohort.dashboard.lastActive')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((row) => (
                <tr key={row.userId} className={row.atRisk ? 'at-risk' : undefined}>
                  <th scope="row">{row.displayName}</th>
                  <td>
                    {row.atRisk ? (
                      <ul className="flags">
                        {flagsOf(row).map((f) => (
                          <li key={f} className="tag flag">
                            {t(`cohort.flag.${f}`)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t('cohort.dashboard.onTrack')
                    )}
                  </td>
                  <td>{row.group ? t('cohort.groups.number', { number: row.group.number }) : '—'}</td>
                  <td>
                    {t('cohort.dashboard.completedOf', {
                      done: row.metrics.modulesCompleted,
                      released: row.metrics.modulesReleased,
                    })}
                  </td>
                  <td>{row.metrics.modulesOverdue}</td>
                  <td>
                    {row.lastActiveAt ? <Instant utc={row.lastActiveAt} viewerZone={me.timeZone} /> : t('cohort.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
