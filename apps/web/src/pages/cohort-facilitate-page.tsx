import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn, type OwnProfile } from '../api/me';
import { Announcements } from '../components/cohort/announcements';
import { cohortKey, useCohort, type CohortDetail } from '../components/cohort/cohort-data';
import { Dashboard } from '../components/cohort/dashboard';
import { Extensions } from '../components/cohort/extensions';
import { Groups } from '../components/cohort/groups';
import { Instant } from '../components/instant';
import { useI18n } from '../i18n/i18n';

/**
 * Running a cohort: the invite link, requests to approve, the dashboard (progress, at-risk flags, CSV), extensions,
 * study groups (form them by common hours, move people) and announcements. Facilitators only (the API says so too).
 */
export function CohortFacilitatePage() {
  const { cohortId = '' } = useParams();
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  const cohort = useCohort(cohortId, me !== null);
  if (!signedIn) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/cohorts/${cohortId}/facilitate`)}`}>{t('cohort.logIn')}</Link>
      </p>
    );
  }
  if (!me) return <p>{t('loading')}</p>;
  if (cohort.isPending) return <p>{t('loading')}</p>;
  if (cohort.isError) return <p role="alert">{problemOf(cohort.error)?.detail ?? t('error.notFound')}</p>;
  const c = cohort.data;
  if (!c.forFacilitators) return <p role="alert">{t('cohort.facilitate.only')}</p>;
  return (
    <article className="cohort">
      <p>
        <Link to={`/cohorts/${c.id}`}>{t('cohort.back')}</Link>
      </p>
      <h1>{t('cohort.facilitate.title', { title: c.title })}</h1>
      <InviteLink cohort={c} />
      <Requests cohort={c} me={me} />
      <Dashboard cohort={c} me={me} />
      <Extensions cohort={c} me={me} />
      <Groups cohort={c} me={me} />
      <Announcements cohortId={c.id} me={me} facilitates />
    </article>
  );
}

/** The invite link, and a new one when the old has spread too far (links with the old code stop working). */
function InviteLink({ cohort: c }: { cohort: CohortDetail }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const rotate = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/cohorts/{cohortId}/invite-code/rotate', { params: { path: { cohortId: c.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: cohortKey(c.id) }),
  });
  return (
    <section aria-labelledby="cohort-invite">
      <h2 id="cohort-invite">{t('cohort.invite.title')}</h2>
      <div className="field">
        <label htmlFor="cohort-invite-link">{t('cohort.invite.link')}</label>
        <input
          id="cohort-invite-link"
          readOnly
          value={c.forFacilitators?.inviteLink ?? ''}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <p className="hint">{t('cohort.invite.hint')}</p>
      <button type="button" className="secondary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
        {t('cohort.invite.rotate')}
      </button>
      {rotate.isSuccess && <p role="status">{t('cohort.invite.rotated')}</p>}
      {rotate.isError && <p role="alert">{problemOf(rotate.error)?.detail ?? t('error.generic')}</p>}
    </section>
  );
}

/** Requests to join an approval-mode cohort, oldest first. */
function Requests({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const key = ['cohort-requests', c.id];
  const requests = useQuery({
    queryKey: key,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/requests', {
          params: { path: { cohortId: c.id }, query: { limit: 100 } },
        }),
      ),
  });
  const decide = useMutation({
    mutationFn: async ({ userId, approve }: { userId: string; approve: boolean }) =>
      approve
        ? unwrap(
            await api.POST('/api/v1/cohorts/{cohortId}/requests/{userId}/approve', {
              params: { path: { cohortId: c.id, userId } },
            }),
          )
        : unwrap(
            await api.POST('/api/v1/cohorts/{cohortId}/requests/{userId}/decline', {
              params: { path: { cohortId: c.id, userId } },
            }),
          ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: key });
      void queries.invalidateQueries({ queryKey: cohortKey(c.id) });
      void queries.invalidateQueries({ queryKey: ['cohort-dashboard', c.id] });
      void queries.invalidateQueries({ queryKey: ['cohort-roster', c.id] });
    },
  });
  if (c.enrollmentMode !== 'approval' && requests.data?.items.length === 0) return null;
  return (
    <section aria-labelledby="cohort-requests">
      <h2 id="cohort-requests">{t('cohort.requests.title')}</h2>
      {requests.data?.items.length === 0 && <p>{t('cohort.requests.none')}</p>}
      <ul className="results">
        {requests.data?.items.map((r) => (
          <li key={r.userId} className="card">
            <p>
              <strong>{r.displayName}</strong> <span className="meta">{r.email}</span> ·{' '}
              <Instant utc={r.requestedAt} viewerZone={me.timeZone} />
            </p>
            <p className="actions">
              <button
                type="button"
                disabled={decide.isPending}
                aria-label={t('cohort.requests.approveWho', { name: r.displayName })}
                onClick={() => decide.mutate({ userId: r.userId, approve: true })}
              >
                {t('cohort.requests.approve')}
              </button>{' '}
              <button
                type="button"
                className="secondary"
                disabled={decide.isPending}
                aria-label={t('cohort.requests.declineWho', { name: r.displayName })}
                onClick={() => decide.mutate({ userId: r.userId, approve: false })}
              >
                {t('cohort.requests.decline')}
              </button>
            </p>
          </li>
        ))}
      </ul>
      {decide.isSuccess && <p role="status">{t('cohort.saved')}</p>}
      {decide.isError && <p role="alert">{problemOf(decide.error)?.detail ?? t('error.generic')}</p>}
    </section>
  );
}
