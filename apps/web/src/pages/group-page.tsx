import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn, type OwnProfile } from '../api/me';
import { fieldError } from '../api/problem';
import type { components } from '../api/schema';
import { MeetingTime } from '../components/meeting-time';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';
import { GroupFacts, type DiscoveredGroup } from './search-page';

type Meeting = components['schemas']['MeetingDto'];
type GroupDetail = components['schemas']['GroupDetailDto'];
type Answer = 'yes' | 'no' | 'maybe';
/** JoinGroupDto: each answer at most 1000 characters. */
const ANSWER_MAX = 1000;

/** A study group: what it is, when it meets (in my zone and the group's), joining, RSVPs, the calendar, leaving. */
export function GroupPage() {
  const { groupId = '' } = useParams();
  const signedIn = useSignedIn();
  const me = useMe();
  const { t } = useI18n();
  const group = useQuery({
    queryKey: ['group', groupId],
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });

  if (!signedIn) return <PublicGroup groupId={groupId} />;
  if (group.isPending || !me) return <p>{t('loading')}</p>;
  if (group.isError) return <p role="alert">{problemOf(group.error)?.detail ?? t('error.notFound')}</p>;
  return <MemberGroup group={group.data} me={me} />;
}

/**
 * What an anonymous visitor sees: the group as discovery shows it (the search result carried by the link shows at
 * once, the public read follows, and serves links shared elsewhere), and the way in. `next` brings them back here
 * after sign-up, verification and log-in.
 */
function PublicGroup({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const carried = (useLocation().state as { group?: DiscoveredGroup } | null)?.group;
  const zone = browserTimeZone();
  const group = useQuery({
    queryKey: ['group-public', groupId, zone],
    placeholderData: carried?.id === groupId ? carried : undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/groups/{groupId}/public', {
          params: { path: { groupId }, query: { timeZone: zone } },
        }),
      ),
  });
  const found = group.data;
  const next = encodeURIComponent(`/groups/${groupId}`);
  return (
    <article>
      {found ? (
        <>
          <h1>{found.name}</h1>
          <p className="description">{found.summary}</p>
          <GroupFacts group={found} />
          <p className="meta">
            {t('group.nextMeeting')}:{' '}
            {found.nextMeeting ? (
              <MeetingTime utc={found.nextMeeting.utc} viewerZone={zone} groupZone={found.timeZone} />
            ) : (
              t('group.noMeeting')
            )}
          </p>
        </>
      ) : group.isPending ? (
        <p>{t('loading')}</p>
      ) : (
        <p>{t('journey.publicOnly')}</p>
      )}
      <p className="actions">
        <Link className="button" to={`/signup?next=${next}`}>
          {t('journey.signUpToJoin')}
        </Link>{' '}
        <Link to={`/login?next=${next}`}>{t('journey.orLogIn')}</Link>
      </p>
    </article>
  );
}

function MemberGroup({ group: g, me }: { group: GroupDetail; me: OwnProfile }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const membership = g.membership;
  const isMember = membership?.status === 'active';
  const meetings = useQuery({
    queryKey: ['group-meetings', g.id],
    enabled: isMember,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/groups/{groupId}/meetings', {
          params: { path: { groupId: g.id }, query: { limit: 20 } },
        }),
      ),
  });
  const leave = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/groups/{groupId}/leave', { params: { path: { groupId: g.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['group', g.id] }),
  });
  const isFacilitator = membership?.role === 'facilitator';
  const facilitates = isMember && membership.role !== 'member';

  return (
    <article>
      <h1>{g.name}</h1>
      <p className="description">{g.description}</p>
      <p className="meta">
        {t('group.facilitatedBy')} {g.facilitators.map((f) => f.displayName).join(', ')} ·{' '}
        {g.seatsLeft > 0 ? t('group.seatsLeft', { count: g.seatsLeft }) : t('group.full')}
      </p>
      {isMember && <p className="status">{t('group.joined')}</p>}
      {membership?.status === 'waitlisted' && (
        <p className="status">{t('group.waitlisted', { position: membership.waitlistPosition ?? '?' })}</p>
      )}
      {!membership && <JoinForm group={g} />}
      {leave.isSuccess && !membership && <p role="status">{t('journey.left')}</p>}

      {facilitates && (
        <p>
          <Link className="button" to={`/groups/${g.id}/manage`}>
            {t('facilitate.manage.link', { name: g.name })}
          </Link>
        </p>
      )}
      {isMember && (
        <p>
          <Link to={`/groups/${g.id}/badges`}>{t('scope.open')}</Link>
        </p>
      )}
      {isMember && (
        <section>
          <h2>{t('group.meetings')}</h2>
          <p className="hint">{t('journey.timesIn', { zone: me.timeZone })}</p>
          {g.forMembers?.meetingLink && (
            <p>
              <a href={g.forMembers.meetingLink} rel="noopener noreferrer">
                {t('journey.meetingLink')}
              </a>
            </p>
          )}
          <ul className="meetings">
            {meetings.data?.items.map((meeting) => (
              <MeetingItem key={meeting.id} meeting={meeting} viewerZone={me.timeZone} groupZone={g.timeZone} />
            ))}
          </ul>
        </section>
      )}
      {isMember && g.forMembers && (
        <section aria-labelledby="group-members-title">
          <h2 id="group-members-title">{t('facilitate.members.title', { count: g.forMembers.members.length })}</h2>
          <ul className="people">
            {g.forMembers.members.map((m) => (
              <li key={m.userId}>
                {m.displayName}
                {m.role !== 'member' && <span className="meta"> · {t(`facilitate.role.${m.role}`)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {isMember && <CalendarFeed groupId={g.id} />}
      {membership && !isFacilitator && (
        <p>
          <button type="button" className="secondary" onClick={() => leave.mutate()} disabled={leave.isPending}>
            {isMember ? t('journey.leave') : t('journey.leaveWaitlist')}
          </button>
        </p>
      )}
      {leave.isError && <p role="alert">{problemOf(leave.error)?.detail ?? t('error.generic')}</p>}
    </article>
  );
}

/** Join, answering the facilitators' signup questions first when the group has any. */
function JoinForm({ group }: { group: GroupDetail }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const join = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/groups/{groupId}/join', {
          params: { path: { groupId: group.id } },
          body: group.signupQuestions.length ? { answers } : {},
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['group', group.id] }),
  });
  const problem = problemOf(join.error);
  const missing = group.signupQuestions.filter((q) => q.required && !answers[q.id]?.trim()).map((q) => q.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (missing.length === 0) join.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      {group.signupQuestions.length > 0 && (
        <fieldset>
          <legend>{t('journey.answers')}</legend>
          {group.signupQuestions.map((question) => {
            const error =
              (checked && missing.includes(question.id) ? t('journey.answerRequired') : undefined) ??
              fieldError(problem, `answers.${question.id}`);
            return (
              <div className="field" key={question.id}>
                <label htmlFor={`answer-${question.id}`}>{question.prompt}</label>
                <textarea
                  id={`answer-${question.id}`}
                  name={`answer-${question.id}`}
                  required={question.required}
                  maxLength={ANSWER_MAX}
                  value={answers[question.id] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `answer-${question.id}-error` : undefined}
                  onChange={(e) => setAnswers({ ...answers, [question.id]: e.target.value })}
                />
                {error && (
                  <p id={`answer-${question.id}-error`} className="field-error" role="alert">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <button type="submit" disabled={join.isPending}>
        {t('group.join')}
      </button>
      {problem && !problem.errors?.some((e) => e.field.startsWith('answers.')) && (
        <p role="alert">{problem.errors?.[0]?.message ?? problem.detail ?? t('error.generic')}</p>
      )}
    </form>
  );
}

/** The member's own iCalendar link: asked for on demand, since asking again revokes the previous one. */
function CalendarFeed({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const feed = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/groups/{groupId}/calendar-feed', { params: { path: { groupId } } })),
  });
  return (
    <section>
      <h2>{t('journey.calendar.title')}</h2>
      {feed.data ? (
        <>
          <div className="field">
            <label htmlFor="calendar-feed-url">{t('journey.calendar.link')}</label>
            <input id="calendar-feed-url" readOnly value={feed.data.url} onFocus={(e) => e.target.select()} />
          </div>
          <p>
            <a href={feed.data.webcalUrl}>{t('journey.calendar.subscribe')}</a>
          </p>
        </>
      ) : (
        <button type="button" className="secondary" onClick={() => feed.mutate()} disabled={feed.isPending}>
          {t('journey.calendar.get')}
        </button>
      )}
      <p className="hint">{t('journey.calendar.hint')}</p>
      {feed.isError && <p role="alert">{problemOf(feed.error)?.detail ?? t('error.generic')}</p>}
    </section>
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
  // The answer chosen shows at once (the query's state updates a tick later); the API's again if it refused.
  const [chosen, setChosen] = useState<Answer | null>(null);
  const shown = chosen ?? meeting.myRsvp;
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
                checked={shown === answer}
                disabled={rsvp.isPending}
                onChange={() => {
                  setChosen(answer);
                  rsvp.mutate(answer, { onError: () => setChosen(null) });
                }}
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
