import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { GROUP_LIMITS as L, LOCAL_DATE, START_TIME } from '../../api/group-limits';
import { fieldError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { firstOnWeekday, todayIn, weekdayNames } from '../../time/local-time';
import { Field, SelectField } from '../field';
import { ZonePreview } from './zone-preview';

interface ScheduleDraft {
  weekday: string;
  localStartTime: string;
  durationMinutes: string;
  startDate: string;
  occurrences: string;
}

type Translate = ReturnType<typeof useI18n>['t'];

export function durationError(value: string, t: Translate): string | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= L.minDuration && n <= L.maxDuration
    ? undefined
    : t('facilitate.range', { min: L.minDuration, max: L.maxDuration });
}

function check(d: ScheduleDraft, today: string, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!START_TIME.test(d.localStartTime)) errors.localStartTime = t('facilitate.badTime');
  const duration = durationError(d.durationMinutes, t);
  if (duration) errors.durationMinutes = duration;
  if (!LOCAL_DATE.test(d.startDate)) errors.startDate = t('facilitate.badDate');
  else if (d.startDate < today) errors.startDate = t('facilitate.schedule.notPast', { today });
  const n = Number(d.occurrences);
  if (!Number.isInteger(n) || n < 1 || n > L.maxOccurrences) {
    errors.occurrences = t('facilitate.range', { min: 1, max: L.maxOccurrences });
  }
  return errors;
}

/**
 * The weekly schedule: a weekday and a local time in the group's zone, with the facilitator's own time beside it.
 * Saving makes (or moves) the meetings ahead; meetings moved or cancelled by hand stay as they are.
 */
export function ScheduleSection({ groupId, groupZone, viewerZone }: Props) {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const today = todayIn(groupZone);
  const schedule = useQuery({
    queryKey: ['group-schedule', groupId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/groups/{groupId}/schedule', { params: { path: { groupId } } });
      // No schedule yet is an answer (404), not a failure of the page.
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
  const [draft, setDraft] = useState<ScheduleDraft>({
    weekday: '3',
    localStartTime: '18:00',
    durationMinutes: '90',
    startDate: today,
    occurrences: '8',
  });
  const current = schedule.data;
  useEffect(() => {
    if (!current) return;
    setDraft({
      weekday: String(current.weekday),
      localStartTime: current.localStartTime,
      durationMinutes: String(current.durationMinutes),
      startDate: current.startDate,
      occurrences: String(current.occurrences ?? 8),
    });
  }, [current]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async (d: ScheduleDraft) =>
      unwrap(
        await api.PUT('/api/v1/groups/{groupId}/schedule', {
          params: { path: { groupId } },
          body: {
            weekday: Number(d.weekday),
            localStartTime: d.localStartTime,
            durationMinutes: Number(d.durationMinutes),
            startDate: d.startDate,
            occurrences: Number(d.occurrences),
          },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['group-schedule', groupId] });
      void queries.invalidateQueries({ queryKey: ['facilitate-meetings', groupId] });
    },
  });
  const problem = problemOf(save.error);
  const errorOf = (field: keyof ScheduleDraft) => errors[field] ?? fieldError(problem, field);
  const set = (key: keyof ScheduleDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const days = weekdayNames(language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A running schedule keeps its first date, even once it lies behind.
    const found = check(draft, current && draft.startDate === current.startDate ? draft.startDate : today, t);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(draft);
  };

  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('facilitate.schedule.title')}</h2>
      <p className="hint">{t('facilitate.schedule.hint', { zone: groupZone })}</p>
      <form onSubmit={submit} noValidate className="inline-form">
        <SelectField
          label={t('facilitate.schedule.weekday')}
          name="weekday"
          value={draft.weekday}
          onChange={(e) => set('weekday', e.target.value)}
          error={errorOf('weekday')}
        >
          {days.map((day, i) => (
            <option key={day} value={String(i + 1)}>
              {day}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('facilitate.schedule.time', { zone: groupZone })}
          name="localStartTime"
          type="time"
          value={draft.localStartTime}
          error={errorOf('localStartTime')}
          onChange={(e) => set('localStartTime', e.target.value)}
        />
        <Field
          label={t('facilitate.duration')}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={L.minDuration}
          max={L.maxDuration}
          value={draft.durationMinutes}
          error={errorOf('durationMinutes')}
          onChange={(e) => set('durationMinutes', e.target.value)}
        />
        <Field
          label={t('facilitate.schedule.startDate')}
          name="startDate"
          type="date"
          value={draft.startDate}
          error={errorOf('startDate')}
          onChange={(e) => set('startDate', e.target.value)}
        />
        <Field
          label={t('facilitate.schedule.occurrences')}
          name="occurrences"
          type="number"
          inputMode="numeric"
          min={1}
          max={L.maxOccurrences}
          value={draft.occurrences}
          error={errorOf('occurrences')}
          onChange={(e) => set('occurrences', e.target.value)}
        />
        <ZonePreview
          localDate={firstOnWeekday(draft.startDate, Number(draft.weekday))}
          localTime={draft.localStartTime}
          groupZone={groupZone}
          viewerZone={viewerZone}
        />
        <button type="submit" disabled={save.isPending}>
          {t('facilitate.schedule.save')}
        </button>
        {save.data && (
          <p role="status">
            {t('facilitate.schedule.saved', {
              scheduled: save.data.scheduled,
              updated: save.data.updated,
              cancelled: save.data.cancelled,
            })}
          </p>
        )}
        {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
      </form>
      {current && <EndSchedule groupId={groupId} />}
    </section>
  );
}

interface Props {
  groupId: string;
  groupZone: string;
  viewerZone: string;
}

/** Ending the schedule cancels its meetings ahead (members are told); meetings added by hand stay. */
function EndSchedule({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/groups/{groupId}/schedule', { params: { path: { groupId } } })),
    onSuccess: () => {
      setConfirming(false);
      queries.setQueryData(['group-schedule', groupId], null);
      void queries.invalidateQueries({ queryKey: ['facilitate-meetings', groupId] });
    },
  });
  return (
    <div className="end-schedule">
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('facilitate.schedule.endConfirm')}>
          <p>{t('facilitate.schedule.endConfirm')}</p>
          <button type="button" className="danger" disabled={end.isPending} onClick={() => end.mutate()}>
            {t('facilitate.schedule.endYes')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('facilitate.schedule.keep')}
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('facilitate.schedule.end')}
        </button>
      )}
      {end.isError && <p role="alert">{problemOf(end.error)?.detail ?? t('error.generic')}</p>}
    </div>
  );
}
