import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { fieldError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../field';
import { EXTRA_DAYS_MAX, type CohortDetail } from './cohort-data';
import { CohortTime } from './cohort-time';

/** The cohort's active learners, for pickers (a cohort's capacity bounds the pages). */
export function useActiveLearners(cohortId: string) {
  return useQuery({
    queryKey: ['cohort-roster', cohortId],
    queryFn: async () => {
      const learners: { userId: string; displayName: string; groupId: string | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/cohorts/{cohortId}/roster', {
            params: { path: { cohortId }, query: { status: 'active', limit: 100, cursor } },
          }),
        );
        learners.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return learners;
    },
  });
}

/** Grant a learner more days for a module, see the extensions they have, and take one back. */
export function Extensions({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const learners = useActiveLearners(c.id);
  const [userId, setUserId] = useState('');
  const [moduleId, setModuleId] = useState('');
  const [days, setDays] = useState('3');
  const [local, setLocal] = useState<Record<string, string>>({});
  const progressKey = ['cohort-learner-progress', c.id, userId];
  const progress = useQuery({
    queryKey: progressKey,
    enabled: userId !== '',
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/cohorts/{cohortId}/learners/{userId}/progress', {
          params: { path: { cohortId: c.id, userId } },
        }),
      ),
  });
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['cohort-dashboard', c.id] });
  };
  const grant = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/cohorts/{cohortId}/learners/{userId}/extensions/{moduleId}', {
          params: { path: { cohortId: c.id, userId, moduleId } },
          body: { extraDays: Number(days) },
        }),
      ),
    onSuccess: (data) => {
      queries.setQueryData(progressKey, data);
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (module: string) =>
      unwrap(
        await api.DELETE('/api/v1/cohorts/{cohortId}/learners/{userId}/extensions/{moduleId}', {
          params: { path: { cohortId: c.id, userId, moduleId: module } },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: progressKey });
      refresh();
    },
  });
  const problem = problemOf(grant.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!userId) found.userId = t('cohort.extensions.chooseLearner');
    if (!moduleId) found.moduleId = t('cohort.extensions.chooseModule');
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > EXTRA_DAYS_MAX) {
      found.extraDays = t('cohort.extensions.daysRange', { max: EXTRA_DAYS_MAX });
    }
    setLocal(found);
    if (Object.keys(found).length === 0) grant.mutate();
  };
  const extended = progress.data?.modules.filter((m) => m.extraDays > 0) ?? [];
  const learnerName = learners.data?.find((l) => l.userId === userId)?.displayName ?? '';
  return (
    <section aria-labelledby="cohort-extensions">
      <h2 id="cohort-extensions">{t('cohort.extensions.title')}</h2>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('cohort.extensions.learner')}
          value={userId}
          error={local.userId}
          onChange={(e) => {
            setUserId(e.target.value);
            grant.reset();
          }}
        >
          <option value="">{t('cohort.extensions.chooseLearner')}</option>
          {learners.data?.map((l) => (
            <option key={l.userId} value={l.userId}>
              {l.displayName}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('cohort.extensions.module')}
          value={moduleId}
          error={local.moduleId}
          onChange={(e) => setModuleId(e.target.value)}
        >
          <option value="">{t('cohort.extensions.chooseModule')}</option>
          {c.modules.map((m) => (
            <option key={m.moduleId} value={m.moduleId}>
              {m.title}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('cohort.extensions.days')}
          type="number"
          min={1}
          max={EXTRA_DAYS_MAX}
          value={days}
          error={local.extraDays ?? fieldError(problem, 'extraDays')}
          onChange={(e) => setDays(e.target.value)}
        />
        <button type="submit" disabled={grant.isPending}>
          {t('cohort.extensions.grant')}
        </button>
        {grant.isSuccess && <p role="status">{t('cohort.extensions.granted')}</p>}
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      </form>
      {userId && progress.data && (
        <div className="card">
          <h3>{t('cohort.extensions.of', { name: learnerName })}</h3>
          {extended.length === 0 && <p>{t('cohort.extensions.none')}</p>}
          <ul>
            {extended.map((m) => (
              <li key={m.moduleId}>
                {m.title}: {t('cohort.extended', { count: m.extraDays })} — {t('cohort.due')}{' '}
                <CohortTime utc={m.dueAt.utc} viewerZone={me.timeZone} cohortZone={c.timeZone} />{' '}
                <button
                  type="button"
                  className="secondary"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(m.moduleId)}
                >
                  {t('cohort.extensions.remove', { module: m.title })}
                </button>
              </li>
            ))}
          </ul>
          {revoke.isError && <p role="alert">{problemOf(revoke.error)?.detail ?? t('error.generic')}</p>}
        </div>
      )}
    </section>
  );
}
