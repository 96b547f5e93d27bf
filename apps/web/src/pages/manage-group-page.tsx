import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn } from '../api/me';
import { AttendanceSection } from '../components/facilitate/attendance-section';
import { GroupForm } from '../components/facilitate/group-form';
import { MeetingsSection } from '../components/facilitate/meetings-section';
import { PeopleSection } from '../components/facilitate/people-section';
import { ScheduleSection } from '../components/facilitate/schedule-section';
import { useI18n } from '../i18n/i18n';

/**
 * A facilitator's desk for one group: the weekly schedule, meetings to move, cancel or add, attendance, the
 * members and the waitlist with their signup answers, and the group's own details. Times are in the facilitator's
 * profile zone with the group's beside them; what the group agrees on (schedule, meeting times) is typed in the
 * group's zone.
 */
export function ManageGroupPage() {
  const { groupId = '' } = useParams();
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  const queries = useQueryClient();
  const group = useQuery({
    queryKey: ['group', groupId],
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });
  if (!signedIn) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/groups/${groupId}/manage`)}`}>{t('facilitate.logIn')}</Link>
      </p>
    );
  }
  if (group.isPending || !me) return <p>{t('loading')}</p>;
  if (group.isError) return <p role="alert">{problemOf(group.error)?.detail ?? t('error.notFound')}</p>;
  const g = group.data;
  if (!g.forFacilitators) return <p role="alert">{t('facilitate.notFacilitator')}</p>;
  const zones = { groupId: g.id, groupZone: g.timeZone, viewerZone: me.timeZone };

  return (
    <article className="manage-group">
      <h1>{t('facilitate.manage.title', { name: g.name })}</h1>
      <p>
        <Link to={`/groups/${g.id}`}>{t('facilitate.manage.groupPage')}</Link> ·{' '}
        <Link to="/groups/mine">{t('facilitate.nav')}</Link>
      </p>
      <p className="meta">
        {t('facilitate.manage.zones', { group: g.timeZone, mine: me.timeZone })} ·{' '}
        {g.seatsLeft > 0 ? t('group.seatsLeft', { count: g.seatsLeft }) : t('facilitate.manage.full')}
      </p>
      {g.forFacilitators.inviteCode && (
        <p>
          {t('facilitate.manage.inviteCode')} <code>{g.forFacilitators.inviteCode}</code>
        </p>
      )}
      <ScheduleSection {...zones} />
      <MeetingsSection {...zones} />
      <AttendanceSection {...zones} roster={g.forFacilitators.roster} />
      <PeopleSection group={g} viewerZone={me.timeZone} myId={me.id} />
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('facilitate.manage.edit')}</h2>
        <GroupForm
          key={g.id}
          group={g}
          onSaved={(saved) => {
            queries.setQueryData(['group', g.id], saved);
            void queries.invalidateQueries({ queryKey: ['facilitate-meetings', g.id] });
          }}
        />
      </section>
    </article>
  );
}

/** Starting a group: the creator becomes its facilitator and goes on to set its schedule. */
export function NewGroupPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const queries = useQueryClient();
  if (!signedIn) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent('/groups/new')}`}>{t('facilitate.logIn')}</Link>
      </p>
    );
  }
  return (
    <article>
      <h1>{t('facilitate.new.title')}</h1>
      <p className="hint">{t('facilitate.new.hint')}</p>
      <GroupForm
        onSaved={(group) => {
          queries.setQueryData(['group', group.id], group);
          void queries.invalidateQueries({ queryKey: ['my-groups'] });
          void navigate(`/groups/${group.id}/manage`);
        }}
      />
    </article>
  );
}
