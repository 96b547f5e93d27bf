import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { MeetingTime } from '../components/meeting-time';
import { useI18n } from '../i18n/i18n';
import type { components } from '../api/schema';

type Meeting = components['schemas']['MeetingDto'];
type Answer = 'yes' | 'no' | 'maybe';

/** A study group: what it is, when it meets (in my zone and the group's), joining, and RSVPs once I am in. */
export function GroupPage() {
  const { groupId = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const queries = useQueryClient();

  const group = useQuery({
    queryKey: ['group', groupId],
    enabled: me !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });
  const isMember = group.data?.membership?.status === 'active';
  const meetings = useQuery({
    queryKey: ['group-meetings', groupId],
    enabled: isMember,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/groups/{groupId}/meetings', { params: { path: { groupId }, query: { limit: 20 } } }),
      ),
  });
  const join = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/groups/{groupId}/join', { params: { path: { groupId } }, body: {} })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['group', groupId] }),
  });

  if (!me) {
    return (
      <section>
        <p>{t('group.logInToJoin')}</p>
        <p>
          <Link to={`/login?next=/groups/${groupId}`}>{t('nav.logIn')}</Link> ·{' '}
          <Link to={`/signup?next=/groups/${groupId}`}>{t('nav.signUp')}</Link>
        </p>
      </section>
    );
  }
  if (group.isPending) return <p>{t('loading')}</p>;
  if (group.isError) return <p role="alert">{problemOf(group.error)?.detail ?? t('error.notFound')}</p>;

  const g = group.data;
  const membership = g.membership;
  return (
    <article>
      <h1>{g.name}</h1>
      <p className="description">{g.description}</p>
      <p className="meta">
        {t('group.facilitatedBy')} {g.facilitators.map((f) => f.displayName).join(', ')} ·{' '}
        {g.seatsLeft > 0 ? t('group.seatsLeft', { count: g.seatsLeft }) : t('group.full')}
      </p>
      {membership?.status === 'active' && <p className="status">{t('group.joined')}</p>}
      {membership?.status === 'waitlisted' && (
        <p className="status">{t('group.waitlisted', { position: membership.waitlistPosition ?? '?' })}</p>
      )}
      {!membership && (
        <button type="button" onClick={() => join.mutate()} disabled={join.isPending}>
          {t('group.join')}
        </button>
      )}
      {join.isError && <p role="alert">{problemOf(join.error)?.detail ?? t('error.generic')}</p>}

      {isMember && (
        <p>
          <Link to={`/groups/${groupId}/badges`}>{t('scope.open')}</Link>
        </p>
      )}
      {isMember && (
        <section>
          <h2>{t('group.meetings')}</h2>
          <ul className="meetings">
            {meetings.data?.items.map((meeting) => (
              <MeetingItem key={meeting.id} meeting={meeting} viewerZone={me.timeZone} groupZone={g.timeZone} />
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function MeetingItem({ meeting, viewerZone, groupZone }: { meeting: Meeting; viewerZone: string; groupZone: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const rsvp = useMutation({
    mutationFn: async (answer: Answer) =>
      unwrap(
        await api.PUT('/api/v1/meetings/{meetingId}/rsvp', {
          params: { path: { meetingId: meeting.id } },
          body: { answer },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['group-meetings', meeting.groupId] }),
  });
  const cancelled = meeting.status === 'cancelled';
  return (
    <li className="card">
      <p>
        <strong>{meeting.title ?? ''}</strong>{' '}
        <MeetingTime utc={meeting.startsAt.utc} viewerZone={viewerZone} groupZone={groupZone} />
        {cancelled && <span className="tag"> {t('group.cancelled')}</span>}
      </p>
      {!cancelled && (
        <fieldset className="rsvp">
          <legend>{t('rsvp.label')}</legend>
          {(['yes', 'maybe', 'no'] as const).map((answer) => (
            <label key={answer} className="check">
              <input
                type="radio"
                name={`rsvp-${meeting.id}`}
                value={answer}
                checked={meeting.myRsvp === answer}
                disabled={rsvp.isPending}
                onChange={() => rsvp.mutate(answer)}
              />
              {t(`rsvp.${answer}`)}
            </label>
          ))}
          {rsvp.isSuccess && <span role="status">{t('rsvp.saved')}</span>}
        </fieldset>
      )}
    </li>
  );
}
