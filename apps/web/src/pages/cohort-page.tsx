import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn, type OwnProfile } from '../api/me';
import { fieldError } from '../api/problem';
import { Field } from '../components/field';
import { CohortTime, formatLocalDate } from '../components/cohort/cohort-time';
import { cohortKey, myProgressKey, useCohort, type CohortDetail } from '../components/cohort/cohort-data';
import { Discussions } from '../components/cohort/discussions';
import { LearnerView } from '../components/cohort/learner-view';
import { useI18n } from '../i18n/i18n';

/**
 * A cohort: what it is and its schedule, the way in (open, by approval, by invite code) and out; for its learners
 * their own calendar, the modules, their group, announcements and discussions; for facilitators the way to run it.
 */
export function CohortPage() {
  const { cohortId = '' } = useParams();
  const signedIn = useSignedIn();
  const me = useMe();
  const { t } = useI18n();
  const cohort = useCohort(cohortId, signedIn);

  if (!signedIn) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/cohorts/${cohortId}`)}`}>{t('cohort.logIn')}</Link>
      </p>
    );
  }
  if (cohort.isPending || !me) return <p>{t('loading')}</p>;
  if (cohort.isError) return <p role="alert">{problemOf(cohort.error)?.detail ?? t('error.notFound')}</p>;
  return <CohortView cohort={cohort.data} me={me} />;
}

function CohortView({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const membership = c.membership;
  const isLearner = membership?.role === 'learner' && membership.status === 'active';
  const facilitates = c.forFacilitators !== null;
  return (
    <article className="cohort">
      <h1>{c.title}</h1>
      <CohortFacts cohort={c} />
      {c.description && <p className="description">{c.description}</p>}
      {facilitates && (
        <p className="actions">
          <Link className="button" to={`/cohorts/${c.id}/facilitate`}>
            {t('cohort.facilitate.open')}
          </Link>
        </p>
      )}
      <Enrollment cohort={c} />
      {(isLearner || facilitates) && (
        <nav aria-label={t('cohort.more')} className="cohort-links">
          <Link to={`/cohorts/${c.id}/assignments`}>{t('cohort.assignments')}</Link>
          <Link to={`/cohorts/${c.id}/badges`}>{t('cohort.badges')}</Link>
        </nav>
      )}
      {isLearner ? <LearnerView cohort={c} me={me} /> : <Schedule cohort={c} me={me} />}
      {facilitates && <Discussions cohortId={c.id} me={me} />}
    </article>
  );
}

/** The facts a person decides on: course, facilitators, start, zone, how to get in, seats. */
function CohortFacts({ cohort: c }: { cohort: CohortDetail }) {
  const { t, language } = useI18n();
  return (
    <dl className="cohort-facts">
      <div>
        <dt>{t('cohort.course')}</dt>
        <dd>{t('cohort.courseVersion', { title: c.courseVersion.title, number: c.courseVersion.number })}</dd>
      </div>
      <div>
        <dt>{t('cohort.facilitators')}</dt>
        <dd>{c.facilitators.map((f) => f.displayName).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('cohort.starts')}</dt>
        <dd>{formatLocalDate(c.startDate, language)}</dd>
      </div>
      <div>
        <dt>{t('cohort.zone')}</dt>
        <dd>{c.timeZone}</dd>
      </div>
      <div>
        <dt>{t('cohort.enrollment')}</dt>
        <dd>{t(`cohort.mode.${c.enrollmentMode}`)}</dd>
      </div>
      <div>
        <dt>{t('cohort.deadlines')}</dt>
        <dd>{t(`cohort.deadlineMode.${c.deadlineMode}`)}</dd>
      </div>
      <div>
        <dt>{t('cohort.seats')}</dt>
        <dd>{c.seatsLeft > 0 ? t('cohort.seatsLeft', { count: c.seatsLeft }) : t('cohort.full')}</dd>
      </div>
    </dl>
  );
}

/** The cohort's public calendar: each module's release and due instant in my zone (the cohort's beside it). */
function Schedule({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t('cohort.schedule')}</h2>
      <p className="hint">{t('cohort.timesIn', { zone: me.timeZone })}</p>
      <ol className="cohort-calendar">
        {c.modules.map((m) => (
          <li key={m.moduleId} className="card">
            <h3>{m.title}</h3>
            <p>
              {t('cohort.releases')}:{' '}
              <CohortTime utc={m.releasesAt.utc} viewerZone={me.timeZone} cohortZone={c.timeZone} />
            </p>
            <p>
              {t('cohort.due')}: <CohortTime utc={m.dueAt.utc} viewerZone={me.timeZone} cohortZone={c.timeZone} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Enroll (at once, by asking, or with an invite code), take a request back, or leave. */
function Enrollment({ cohort: c }: { cohort: CohortDetail }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [code, setCode] = useState('');
  const [missingCode, setMissingCode] = useState(false);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: cohortKey(c.id) });
    void queries.invalidateQueries({ queryKey: myProgressKey(c.id) });
    void queries.invalidateQueries({ queryKey: ['my-cohorts'] });
  };
  const enroll = useMutation({
    mutationFn: async (inviteCode?: string) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/enrollment', {
          params: { path: { cohortId: c.id } },
          body: inviteCode ? { inviteCode } : {},
        }),
      ),
    onSuccess: refresh,
  });
  // `takeBack`: a pending request withdrawn, said so rather than "you left".
  const withdraw = useMutation({
    mutationFn: async (_kind: 'leave' | 'takeBack') =>
      unwrap(await api.DELETE('/api/v1/cohorts/{cohortId}/enrollment', { params: { path: { cohortId: c.id } } })),
    onSuccess: refresh,
  });
  const membership = c.membership;
  const problem = problemOf(enroll.error);

  if (membership?.role === 'facilitator') return <p className="status">{t('cohort.youFacilitate')}</p>;
  if (membership?.status === 'active') {
    return (
      <section aria-labelledby="cohort-place">
        <h2 id="cohort-place" className="visually-hidden">
          {t('cohort.yourPlace')}
        </h2>
        <p className="status">
          {membership.completedAt ? t('cohort.completed') : t('cohort.enrolled')}{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => withdraw.mutate('leave')}
            disabled={withdraw.isPending}
          >
            {t('cohort.leave')}
          </button>
        </p>
        {withdraw.isError && <p role="alert">{problemOf(withdraw.error)?.detail ?? t('error.generic')}</p>}
      </section>
    );
  }
  if (membership?.status === 'pending') {
    return (
      <section aria-labelledby="cohort-place">
        <h2 id="cohort-place">{t('cohort.yourPlace')}</h2>
        <p className="status">{t('cohort.pending')}</p>
        <button
          type="button"
          className="secondary"
          onClick={() => withdraw.mutate('takeBack')}
          disabled={withdraw.isPending}
        >
          {t('cohort.takeBack')}
        </button>
      </section>
    );
  }

  const needsCode = c.enrollmentMode === 'invite';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    setMissingCode(needsCode && trimmed === '');
    if (needsCode && trimmed === '') return;
    enroll.mutate(trimmed || undefined);
  };
  return (
    <section aria-labelledby="cohort-place">
      <h2 id="cohort-place">{t('cohort.join')}</h2>
      {membership?.status === 'withdrawn' && !withdraw.isSuccess && <p>{t('cohort.withdrawn')}</p>}
      {membership?.status === 'declined' && <p>{t('cohort.declined')}</p>}
      {withdraw.isSuccess && (
        <p role="status">{withdraw.variables === 'takeBack' ? t('cohort.tookBack') : t('cohort.left')}</p>
      )}
      <form onSubmit={submit} noValidate>
        {c.enrollmentMode === 'approval' && <p className="hint">{t('cohort.approvalHint')}</p>}
        {needsCode && (
          <Field
            label={t('cohort.inviteCode')}
            value={code}
            maxLength={64}
            required
            error={missingCode ? t('cohort.inviteCodeRequired') : fieldError(problem, 'inviteCode')}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
        <button type="submit" disabled={enroll.isPending || c.seatsLeft === 0}>
          {c.enrollmentMode === 'approval' ? t('cohort.ask') : t('cohort.enroll')}
        </button>
        {problem && !fieldError(problem, 'inviteCode') && (
          <p role="alert">{problem.detail ?? problem.title ?? t('error.generic')}</p>
        )}
      </form>
    </section>
  );
}
