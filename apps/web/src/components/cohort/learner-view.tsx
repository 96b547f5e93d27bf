import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { useI18n } from '../../i18n/i18n';
import { Announcements } from './announcements';
import { CohortTime } from './cohort-time';
import {
  myProgressKey,
  useCourseVersion,
  type CohortDetail,
  type ModuleProgress,
  type MyProgress,
} from './cohort-data';
import { Discussions } from './discussions';

/** A learner's cohort: what is due next, my calendar (extensions shown), the modules, my group, news and talk. */
export function LearnerView({ cohort, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const progress = useQuery({
    queryKey: myProgressKey(cohort.id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/me', { params: { path: { cohortId: cohort.id } } })),
  });
  if (progress.isPending) return <p>{t('loading')}</p>;
  if (progress.isError) return <p role="alert">{problemOf(progress.error)?.detail ?? t('error.generic')}</p>;
  const p = progress.data;
  return (
    <>
      <NextDue progress={p} me={me} />
      <MyCalendar progress={p} me={me} />
      <Modules cohort={cohort} progress={p} />
      <MyGroup cohortId={cohort.id} me={me} />
      <Announcements cohortId={cohort.id} me={me} facilitates={false} />
      <Discussions cohortId={cohort.id} me={me} />
    </>
  );
}

/** "in 3 days" / "in 5 hours", in the viewer's language, from the API's count of seconds left. */
function timeLeft(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (seconds >= 86_400) return format.format(Math.floor(seconds / 86_400), 'day');
  if (seconds >= 3_600) return format.format(Math.floor(seconds / 3_600), 'hour');
  return format.format(Math.max(1, Math.floor(seconds / 60)), 'minute');
}

function NextDue({ progress: p, me }: { progress: MyProgress; me: OwnProfile }) {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="cohort-next">
      <h2 id="cohort-next">{t('cohort.next.title')}</h2>
      <p className="meta">{t('cohort.progress', { done: p.modulesCompleted, total: p.modulesTotal })}</p>
      {p.next ? (
        <p className="next-due">
          <strong>{p.next.title}</strong> — {t('cohort.due')}{' '}
          <CohortTime utc={p.next.dueAt.utc} viewerZone={me.timeZone} cohortZone={p.cohortZone} />{' '}
          <span className="meta">({timeLeft(p.next.secondsLeft, language)})</span>
        </p>
      ) : (
        <p>{t('cohort.next.none')}</p>
      )}
    </section>
  );
}

/** Every module's dates for me: in my profile's zone, the cohort's beside it, my extension said aloud. */
function MyCalendar({ progress: p, me }: { progress: MyProgress; me: OwnProfile }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="cohort-calendar">
      <h2 id="cohort-calendar">{t('cohort.calendar.title')}</h2>
      <p className="hint">{t('cohort.timesIn', { zone: me.timeZone })}</p>
      <ol className="cohort-calendar">
        {p.modules.map((m) => (
          <li key={m.moduleId} className="card" data-module={m.moduleId}>
            <h3>{m.title}</h3>
            <p>
              {t('cohort.releases')}:{' '}
              <CohortTime utc={m.releasesAt.utc} viewerZone={me.timeZone} cohortZone={p.cohortZone} />
            </p>
            <p className="due">
              {t('cohort.due')}: <CohortTime utc={m.dueAt.utc} viewerZone={me.timeZone} cohortZone={p.cohortZone} />
            </p>
            {m.extraDays > 0 && <p className="tag extension">{t('cohort.extended', { count: m.extraDays })}</p>}
            <ModuleState module={m} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ModuleState({ module: m }: { module: ModuleProgress }) {
  const { t } = useI18n();
  if (m.completedAt) return <p className="tag done">{m.completedLate ? t('cohort.doneLate') : t('cohort.done')}</p>;
  if (m.overdue) return <p className="tag overdue">{t('cohort.overdue')}</p>;
  if (!m.released) return <p className="tag">{t('cohort.notReleased')}</p>;
  return null;
}

/** The modules' content (the API's sanitized HTML), each released one with "mark complete". */
function Modules({ cohort, progress: p }: { cohort: CohortDetail; progress: MyProgress }) {
  const { t } = useI18n();
  const version = useCourseVersion(cohort.courseVersion.id);
  const contentOf = new Map(version.data?.modules.map((m) => [m.id, m.contentHtml]) ?? []);
  return (
    <section aria-labelledby="cohort-modules">
      <h2 id="cohort-modules">{t('cohort.modules.title')}</h2>
      {p.modules.map((m) => (
        <details key={m.moduleId} className="card module">
          <summary>{m.title}</summary>
          {m.released ? (
            <>
              {/* Sanitized by the API (courses' Markdown renderer); the CSP forbids inline script regardless. */}
              <div className="module-content" dangerouslySetInnerHTML={{ __html: contentOf.get(m.moduleId) ?? '' }} />
              <CompleteButton cohortId={cohort.id} module={m} />
            </>
          ) : (
            <p>{t('cohort.notReleased')}</p>
          )}
        </details>
      ))}
    </section>
  );
}

function CompleteButton({ cohortId, module: m }: { cohortId: string; module: ModuleProgress }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const complete = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/modules/{moduleId}/complete', {
          params: { path: { cohortId, moduleId: m.moduleId } },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: myProgressKey(cohortId) }),
  });
  if (m.completedAt) return <p className="status">{t('cohort.done')}</p>;
  return (
    <p>
      <button type="button" onClick={() => complete.mutate()} disabled={complete.isPending}>
        {t('cohort.markComplete', { title: m.title })}
      </button>
      {complete.isError && <span role="alert"> {problemOf(complete.error)?.detail ?? t('error.generic')}</span>}
    </p>
  );
}

/** Whether I want a study group, and mine once formed: who, their zones, and the hours we all have. */
function MyGroup({ cohortId, me }: { cohortId: string; me: OwnProfile }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const key = ['cohort-my-group', cohortId];
  const mine = useQuery({
    queryKey: key,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/me/group', { params: { path: { cohortId } } })),
  });
  // The choice shows at once (the mutation's state updates a tick later); the saved one again once it settles.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const optIn = useMutation({
    mutationFn: async (value: boolean) =>
      unwrap(
        await api.PUT('/api/v1/cohorts/{cohortId}/me/grouping', {
          params: { path: { cohortId } },
          body: { optIn: value },
        }),
      ),
    onSuccess: (data) => queries.setQueryData(key, data),
    onSettled: () => setChosen(null),
  });
  const g = mine.data?.group;
  return (
    <section aria-labelledby="cohort-group">
      <h2 id="cohort-group">{t('cohort.group.title')}</h2>
      {mine.data && (
        <label className="check">
          <input
            type="checkbox"
            checked={chosen ?? mine.data.groupingOptIn}
            disabled={optIn.isPending}
            onChange={(e) => {
              setChosen(e.target.checked);
              optIn.mutate(e.target.checked);
            }}
          />
          {t('cohort.group.optIn')}
        </label>
      )}
      {optIn.isSuccess && <p role="status">{t('cohort.saved')}</p>}
      {optIn.isError && <p role="alert">{problemOf(optIn.error)?.detail ?? t('error.generic')}</p>}
      {g ? (
        <div className="card">
          <h3>
            <Link to={`/groups/${g.groupId}`}>{g.name}</Link>
          </h3>
          <p className="meta">{t('cohort.group.shared', { hours: Math.round(g.sharedMinutesPerWeek / 6) / 10 })}</p>
          <ul>
            {g.members.map((member) => (
              <li key={member.userId}>
                {member.displayName} <span className="meta">({member.timeZone})</span>
              </li>
            ))}
          </ul>
          <p className="hint">{t('cohort.group.meetings', { zone: me.timeZone })}</p>
          <Discussions cohortId={cohortId} me={me} groupId={g.groupId} />
        </div>
      ) : (
        mine.data && <p>{mine.data.groupingOptIn ? t('cohort.group.waiting') : t('cohort.group.none')}</p>
      )}
    </section>
  );
}
