import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { showTime } from '../../time/zones';
import { MeetingTime } from '../meeting-time';

type Meeting = components['schemas']['MeetingDto'];
type RosterEntry = components['schemas']['RosterEntryDto'];

/** How far back attendance can be taken from this page: the last eight weeks of meetings. */
const LOOK_BACK_MS = 8 * 7 * 24 * 3600 * 1000;

/** Meetings that have started (latest first), and who came to each, ticked per active member. */
export function AttendanceSection({
  groupId,
  groupZone,
  viewerZone,
  roster,
}: {
  groupId: string;
  groupZone: string;
  viewerZone: string;
  roster: RosterEntry[];
}) {
  const { t } = useI18n();
  // "Now" is read once per visit: a meeting that starts while the page is open shows after a reload.
  const [now] = useState(() => new Date());
  const past = useQuery({
    queryKey: ['facilitate-past-meetings', groupId, now.toISOString()],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/groups/{groupId}/meetings', {
          params: {
            path: { groupId },
            query: {
              from: new Date(now.getTime() - LOOK_BACK_MS).toISOString(),
              to: now.toISOString(),
              limit: 50,
            },
          },
        }),
      ),
  });
  const items = (past.data?.items ?? []).filter((m) => m.status === 'scheduled').reverse();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('facilitate.attendance.title')}</h2>
      {past.isSuccess && items.length === 0 && <p>{t('facilitate.attendance.none')}</p>}
      <ul className="meetings">
        {items.map((meeting) => (
          <li className="card" key={meeting.id}>
            <p>
              {meeting.title && <strong>{meeting.title} </strong>}
              <MeetingTime utc={meeting.startsAt.utc} viewerZone={viewerZone} groupZone={groupZone} />
            </p>
            {open === meeting.id ? (
              <AttendanceForm meeting={meeting} roster={roster} viewerZone={viewerZone} onDone={() => setOpen(null)} />
            ) : (
              <button type="button" className="secondary" onClick={() => setOpen(meeting.id)}>
                {t('facilitate.attendance.take')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AttendanceForm({
  meeting,
  roster,
  viewerZone,
  onDone,
}: {
  meeting: Meeting;
  roster: RosterEntry[];
  viewerZone: string;
  onDone(): void;
}) {
  const { t, language } = useI18n();
  const queries = useQueryClient();
  const recorded = useQuery({
    queryKey: ['facilitate-attendance', meeting.id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/meetings/{meetingId}/attendance', { params: { path: { meetingId: meeting.id } } })),
  });
  const [came, setCame] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (recorded.data) setCame(Object.fromEntries(recorded.data.items.map((r) => [r.userId, r.attended])));
  }, [recorded.data]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/meetings/{meetingId}/attendance', {
          params: { path: { meetingId: meeting.id } },
          body: { records: roster.map((m) => ({ userId: m.userId, attended: came[m.userId] ?? false })) },
        }),
      ),
    onSuccess: (data) => queries.setQueryData(['facilitate-attendance', meeting.id], data),
  });
  const when = showTime(meeting.startsAt.utc, viewerZone, viewerZone, language).viewer;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="attendance-form">
      <fieldset>
        <legend>{t('facilitate.attendance.legend', { time: when })}</legend>
        {roster.map((member) => (
          <label className="check" key={member.userId}>
            <input
              type="checkbox"
              name="attended"
              checked={came[member.userId] ?? false}
              onChange={(e) => setCame({ ...came, [member.userId]: e.target.checked })}
            />
            {member.displayName}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={save.isPending || recorded.isPending}>
        {t('facilitate.attendance.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        {t('facilitate.close')}
      </button>
      {save.isSuccess && (
        <p role="status">
          {t('facilitate.attendance.saved', { count: save.data.items.filter((r) => r.attended).length })}
        </p>
      )}
      {save.isError && <p role="alert">{problemOf(save.error)?.detail ?? t('error.generic')}</p>}
    </form>
  );
}
