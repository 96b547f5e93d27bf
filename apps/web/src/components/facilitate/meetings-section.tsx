import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { GROUP_LIMITS as L, LOCAL_DATE, START_TIME } from '../../api/group-limits';
import { fieldError, type Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { todayIn } from '../../time/local-time';
import { Field } from '../field';
import { MeetingTime } from '../meeting-time';
import { durationError } from './schedule-section';
import { ZonePreview } from './zone-preview';

type Meeting = components['schemas']['MeetingDto'];
type Translate = ReturnType<typeof useI18n>['t'];

interface TimeDraft {
  localDate: string;
  localTime: string;
  durationMinutes: string;
  title: string;
}

interface Zones {
  groupId: string;
  groupZone: string;
  viewerZone: string;
}

function checkTime(d: TimeDraft, today: string, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!LOCAL_DATE.test(d.localDate)) errors.localDate = t('facilitate.badDate');
  else if (d.localDate < today) errors.localDate = t('facilitate.meetings.ahead', { today });
  if (!START_TIME.test(d.localTime)) errors.localTime = t('facilitate.badTime');
  const duration = durationError(d.durationMinutes, t);
  if (duration) errors.durationMinutes = duration;
  if (d.title.length > L.titleLength) errors.title = t('facilitate.tooLong', { max: L.titleLength });
  return errors;
}

/** The meetings ahead, each movable and cancellable, and a one-off meeting to add. */
export function MeetingsSection(zones: Zones) {
  const { t } = useI18n();
  const { groupId } = zones;
  const meetings = useInfiniteQuery({
    queryKey: ['facilitate-meetings', groupId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/groups/{groupId}/meetings', {
          params: { path: { groupId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = meetings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">{t('facilitate.meetings.title')}</h2>
      <p className="hint">{t('facilitate.meetings.hint', { zone: zones.viewerZone })}</p>
      {meetings.isSuccess && items.length === 0 && <p>{t('facilitate.meetings.none')}</p>}
      <ul className="meetings manage-meetings">
        {items.map((meeting) => (
          <UpcomingMeeting key={meeting.id} meeting={meeting} {...zones} />
        ))}
      </ul>
      {meetings.hasNextPage && (
        <p>
          <button
            type="button"
            className="secondary"
            disabled={meetings.isFetchingNextPage}
            onClick={() => void meetings.fetchNextPage()}
          >
            {t('facilitate.meetings.more')}
          </button>
        </p>
      )}
      <AddMeeting {...zones} />
    </section>
  );
}

function UpcomingMeeting({ meeting, groupZone, viewerZone }: Zones & { meeting: Meeting }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [mode, setMode] = useState<'idle' | 'moving' | 'cancelling'>('idle');
  const refresh = () => queries.invalidateQueries({ queryKey: ['facilitate-meetings', meeting.groupId] });
  const cancel = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/meetings/{meetingId}/cancel', { params: { path: { meetingId: meeting.id } } })),
    // The meeting keeps its form until the list shows the change: never a flash of the old time.
    onSuccess: async () => {
      await refresh();
      setMode('idle');
    },
  });
  const cancelled = meeting.status === 'cancelled';
  const counts = meeting.rsvps;
  return (
    <li className="card">
      <p>
        {meeting.title && <strong>{meeting.title} </strong>}
        <MeetingTime utc={meeting.startsAt.utc} viewerZone={viewerZone} groupZone={groupZone} />
        {cancelled && <span className="tag"> {t('group.cancelled')}</span>}
      </p>
      {counts && !cancelled && (
        <p className="meta">
          {t('facilitate.meetings.rsvps', { yes: counts.yes, maybe: counts.maybe, no: counts.no })}
        </p>
      )}
      {!cancelled && mode === 'idle' && (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setMode('moving')}>
            {t('facilitate.meetings.move')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setMode('cancelling')}>
            {t('facilitate.meetings.cancel')}
          </button>
        </p>
      )}
      {mode === 'cancelling' && (
        <div className="confirm" role="group" aria-label={t('facilitate.meetings.cancelConfirm')}>
          <p>{t('facilitate.meetings.cancelConfirm')}</p>
          <button type="button" className="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('facilitate.meetings.cancelYes')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setMode('idle')}>
            {t('facilitate.meetings.keep')}
          </button>
        </div>
      )}
      {cancel.isError && <p role="alert">{problemOf(cancel.error)?.detail ?? t('error.generic')}</p>}
      {mode === 'moving' && (
        <MeetingTimeForm
          initial={{
            localDate: meeting.local.date,
            localTime: meeting.local.time,
            durationMinutes: String(meeting.durationMinutes),
            title: meeting.title ?? '',
          }}
          groupZone={groupZone}
          viewerZone={viewerZone}
          submitLabel={t('facilitate.meetings.saveMove')}
          onCancel={() => setMode('idle')}
          save={async (d) =>
            unwrap(
              await api.PATCH('/api/v1/meetings/{meetingId}', {
                params: { path: { meetingId: meeting.id } },
                body: {
                  localDate: d.localDate,
                  localTime: d.localTime,
                  durationMinutes: Number(d.durationMinutes),
                  title: d.title.trim() || null,
                },
              }),
            )
          }
          fieldOf={(f) => f}
          onSaved={async () => {
            await refresh();
            setMode('idle');
          }}
        />
      )}
    </li>
  );
}

/** A one-off meeting on a date of the facilitator's choosing, in the group's zone. */
function AddMeeting({ groupId, groupZone, viewerZone }: Zones) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState(false);
  if (!open) {
    return (
      <>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(true);
            setAdded(false);
          }}
        >
          {t('facilitate.meetings.add')}
        </button>
        {added && <p role="status">{t('facilitate.meetings.added')}</p>}
      </>
    );
  }
  return (
    <div className="add-meeting">
      <h3>{t('facilitate.meetings.addTitle')}</h3>
      <MeetingTimeForm
        initial={{ localDate: todayIn(groupZone), localTime: '18:00', durationMinutes: '90', title: '' }}
        groupZone={groupZone}
        viewerZone={viewerZone}
        submitLabel={t('facilitate.meetings.addSubmit')}
        onCancel={() => setOpen(false)}
        save={async (d) =>
          unwrap(
            await api.POST('/api/v1/groups/{groupId}/meetings', {
              params: { path: { groupId } },
              body: {
                meetings: [
                  {
                    localDate: d.localDate,
                    localTime: d.localTime,
                    durationMinutes: Number(d.durationMinutes),
                    ...(d.title.trim() ? { title: d.title.trim() } : {}),
                  },
                ],
              },
            }),
          )
        }
        fieldOf={(f) => `meetings.0.${f}`}
        onSaved={async () => {
          setOpen(false);
          setAdded(true);
          await queries.invalidateQueries({ queryKey: ['facilitate-meetings', groupId] });
        }}
      />
    </div>
  );
}

/** Date, time (the group's zone) and length of a meeting, with the facilitator's own time shown as they type. */
function MeetingTimeForm({
  initial,
  groupZone,
  viewerZone,
  submitLabel,
  save,
  fieldOf,
  onSaved,
  onCancel,
}: {
  initial: TimeDraft;
  groupZone: string;
  viewerZone: string;
  submitLabel: string;
  save(d: TimeDraft): Promise<unknown>;
  /** Where the API names this form's fields (a new meeting's are inside `meetings.0`). */
  fieldOf(field: keyof TimeDraft): string;
  onSaved(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({ mutationFn: save, onSuccess: onSaved });
  const problem: Problem | null = problemOf(mutation.error);
  const errorOf = (f: keyof TimeDraft) => errors[f] ?? fieldError(problem, fieldOf(f));
  const set = (key: keyof TimeDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkTime(draft, todayIn(groupZone), t);
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(draft);
  };
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <Field
        label={t('facilitate.meetings.date', { zone: groupZone })}
        type="date"
        name="localDate"
        value={draft.localDate}
        error={errorOf('localDate')}
        onChange={(e) => set('localDate', e.target.value)}
      />
      <Field
        label={t('facilitate.meetings.time', { zone: groupZone })}
        type="time"
        name="localTime"
        value={draft.localTime}
        error={errorOf('localTime')}
        onChange={(e) => set('localTime', e.target.value)}
      />
      <Field
        label={t('facilitate.duration')}
        type="number"
        inputMode="numeric"
        name="durationMinutes"
        min={L.minDuration}
        max={L.maxDuration}
        value={draft.durationMinutes}
        error={errorOf('durationMinutes')}
        onChange={(e) => set('durationMinutes', e.target.value)}
      />
      <Field
        label={t('facilitate.meetings.titleField')}
        name="title"
        maxLength={L.titleLength}
        value={draft.title}
        error={errorOf('title')}
        onChange={(e) => set('title', e.target.value)}
      />
      <ZonePreview
        localDate={draft.localDate}
        localTime={draft.localTime}
        groupZone={groupZone}
        viewerZone={viewerZone}
      />
      <button type="submit" disabled={mutation.isPending}>
        {submitLabel}
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        {t('facilitate.close')}
      </button>
      {problem && !problem.errors?.length && <p role="alert">{problem.detail ?? t('error.generic')}</p>}
    </form>
  );
}
