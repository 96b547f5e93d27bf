import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../../api/client';
import type { OwnProfile } from '../../api/me';
import { fieldError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../field';
import { GROUP_SIZE_MAX, GROUP_SIZE_MIN, type CohortDetail } from './cohort-data';
import { useActiveLearners } from './extensions';

type Overview = components['schemas']['GroupingOverviewDto'];
type Window = components['schemas']['WeeklyWindowDto'];

/** Study groups of the cohort: form them from learners who share hours and a language, read them, move people. */
export function Groups({ cohort: c, me }: { cohort: CohortDetail; me: OwnProfile }) {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const key = ['cohort-groups', c.id];
  const overview = useQuery({
    queryKey: key,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/groups', { params: { path: { cohortId: c.id } } })),
  });
  const changed = (data: Overview) => {
    queries.setQueryData(key, data);
    void queries.invalidateQueries({ queryKey: ['cohort-dashboard', c.id] });
    void queries.invalidateQueries({ queryKey: ['cohort-roster', c.id] });
  };
  const o = overview.data;
  return (
    <section aria-labelledby="cohort-groups">
      <h2 id="cohort-groups">{t('cohort.groups.title')}</h2>
      <FormGroups cohortId={c.id} overview={o} onFormed={changed} />
      {o && o.groups.length === 0 && <p>{t('cohort.groups.none')}</p>}
      <ul className="results">
        {o?.groups.map((g) => (
          <li key={g.groupId} className="card">
            <h3>
              <Link to={`/groups/${g.groupId}`}>{t('cohort.groups.number', { number: g.number })}</Link>
            </h3>
            <p className="meta">
              {t('cohort.groups.facts', {
                count: g.memberCount,
                language: g.language,
                hours: Math.round(g.sharedMinutesPerWeek / 6) / 10,
              })}
            </p>
            {g.suggestedSlotUtc && (
              <p className="meta">
                {t('cohort.groups.suggested')}: {windowText(g.suggestedSlotUtc, me.timeZone, o.weekOf, language)}
              </p>
            )}
            <ul>
              {g.members.map((m) => (
                <li key={m.userId}>
                  {m.displayName} <span className="meta">({m.timeZone})</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {o && o.unplaced.length > 0 && (
        <>
          <h3>{t('cohort.groups.unplaced')}</h3>
          <ul>
            {o.unplaced.map((u) => (
              <li key={u.userId}>
                {u.displayName} <span className="meta">({u.timeZone})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {o && o.moveRequests.length > 0 && (
        <>
          <h3>{t('cohort.groups.moveRequests')}</h3>
          <ul>
            {o.moveRequests.map((r) => (
              <li key={r.userId}>
                {r.displayName}
                {r.note && <span className="meta"> — {r.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {o && o.groups.length > 0 && <MoveForm cohortId={c.id} overview={o} onMoved={changed} />}
    </section>
  );
}

/** A weekly window given in UTC, as the viewer reads it: weekday and hours in their zone, in the cohort's week. */
function windowText(w: Window, zone: string, weekOf: string, language: string): string {
  // The window's weekday is placed in the week of `weekOf`, so the zone's offset (DST) is that week's.
  const start = new Date(`${weekOf}T${w.start}:00Z`);
  const isoWeekday = start.getUTCDay() === 0 ? 7 : start.getUTCDay();
  start.setUTCDate(start.getUTCDate() + ((w.weekday - isoWeekday + 7) % 7));
  const end = new Date(start.getTime() + w.minutes * 60_000);
  const day = new Intl.DateTimeFormat(language, { timeZone: zone, weekday: 'long' }).format(start);
  const time = new Intl.DateTimeFormat(language, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  return `${day} ${time.format(start)}–${time.format(end)} (${zone})`;
}

function FormGroups({
  cohortId,
  overview,
  onFormed,
}: {
  cohortId: string;
  overview: Overview | undefined;
  onFormed(data: Overview): void;
}) {
  const { t } = useI18n();
  const [sizes, setSizes] = useState({ minSize: '', maxSize: '' });
  const minSize = sizes.minSize || String(overview?.minSize ?? 3);
  const maxSize = sizes.maxSize || String(overview?.maxSize ?? 6);
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/groups/form', {
          params: { path: { cohortId } },
          body: { minSize: Number(minSize), maxSize: Number(maxSize) },
        }),
      ),
    onSuccess: onFormed,
  });
  const problem = problemOf(form.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const min = Number(minSize);
    const max = Number(maxSize);
    const range = t('cohort.groups.sizeRange', { min: GROUP_SIZE_MIN, max: GROUP_SIZE_MAX });
    if (!Number.isInteger(min) || min < GROUP_SIZE_MIN || min > GROUP_SIZE_MAX) found.minSize = range;
    if (!Number.isInteger(max) || max < GROUP_SIZE_MIN || max > GROUP_SIZE_MAX) found.maxSize = range;
    else if (max < min) found.maxSize = t('cohort.groups.maxBelowMin');
    setLocal(found);
    if (Object.keys(found).length === 0) form.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="form-groups">
      <p className="hint">{t('cohort.groups.hint')}</p>
      <Field
        label={t('cohort.groups.minSize')}
        type="number"
        min={GROUP_SIZE_MIN}
        max={GROUP_SIZE_MAX}
        value={minSize}
        error={local.minSize ?? fieldError(problem, 'minSize')}
        onChange={(e) => setSizes({ ...sizes, minSize: e.target.value })}
      />
      <Field
        label={t('cohort.groups.maxSize')}
        type="number"
        min={GROUP_SIZE_MIN}
        max={GROUP_SIZE_MAX}
        value={maxSize}
        error={local.maxSize ?? fieldError(problem, 'maxSize')}
        onChange={(e) => setSizes({ ...sizes, maxSize: e.target.value })}
      />
      <button type="submit" disabled={form.isPending}>
        {t('cohort.groups.form')}
      </button>
      {form.isSuccess && (
        <p role="status">
          {t('cohort.groups.formed', {
            groups: form.data.formedGroupIds.length,
            unplaced: form.data.unplacedUserIds.length,
          })}
        </p>
      )}
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}

function MoveForm({
  cohortId,
  overview,
  onMoved,
}: {
  cohortId: string;
  overview: Overview;
  onMoved(data: Overview): void;
}) {
  const { t } = useI18n();
  const learners = useActiveLearners(cohortId);
  const [userId, setUserId] = useState('');
  const [toGroupId, setToGroupId] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const move = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohortId}/groups/moves', {
          params: { path: { cohortId } },
          body: { userId, toGroupId },
        }),
      ),
    onSuccess: onMoved,
  });
  const problem = problemOf(move.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!userId) found.userId = t('cohort.extensions.chooseLearner');
    if (!toGroupId) found.toGroupId = t('cohort.groups.chooseGroup');
    setLocal(found);
    if (Object.keys(found).length === 0) move.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('cohort.groups.move')}</h3>
      <SelectField
        label={t('cohort.extensions.learner')}
        value={userId}
        error={local.userId ?? fieldError(problem, 'userId')}
        onChange={(e) => setUserId(e.target.value)}
      >
        <option value="">{t('cohort.extensions.chooseLearner')}</option>
        {learners.data?.map((l) => (
          <option key={l.userId} value={l.userId}>
            {l.displayName}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('cohort.groups.to')}
        value={toGroupId}
        error={local.toGroupId ?? fieldError(problem, 'toGroupId')}
        onChange={(e) => setToGroupId(e.target.value)}
      >
        <option value="">{t('cohort.groups.chooseGroup')}</option>
        {overview.groups.map((g) => (
          <option key={g.groupId} value={g.groupId}>
            {t('cohort.groups.number', { number: g.number })}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={move.isPending}>
        {t('cohort.groups.moveSubmit')}
      </button>
      {move.isSuccess && <p role="status">{t('cohort.groups.moved')}</p>}
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}
