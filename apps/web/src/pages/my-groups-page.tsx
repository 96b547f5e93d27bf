import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe, useSignedIn } from '../api/me';
import type { components } from '../api/schema';
import { MeetingTime } from '../components/meeting-time';
import { useI18n } from '../i18n/i18n';

type MyGroup = components['schemas']['MyGroupDto'];

const facilitates = (item: MyGroup) => item.membership.status === 'active' && item.membership.role !== 'member';

/** The groups I facilitate and those I belong to (or wait for), each with its next meeting in my zone. */
export function MyGroupsPage() {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const me = useMe();
  const groups = useInfiniteQuery({
    queryKey: ['my-groups'],
    enabled: signedIn,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/users/me/groups', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (!signedIn) {
    return (
      <article>
        <h1>{t('facilitate.mine.title')}</h1>
        <p>
          <Link to={`/login?next=${encodeURIComponent('/groups/mine')}`}>{t('facilitate.logIn')}</Link>
        </p>
      </article>
    );
  }
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];
  const led = items.filter(facilitates);
  const joined = items.filter((i) => !facilitates(i));
  const zone = me?.timeZone;
  return (
    <article>
      <h1>{t('facilitate.mine.title')}</h1>
      <p>
        <Link className="button" to="/groups/new">
          {t('facilitate.mine.start')}
        </Link>
      </p>
      {zone && <p className="hint">{t('journey.timesIn', { zone })}</p>}
      {(groups.isPending || !zone) && <p>{t('loading')}</p>}
      {groups.isError && <p role="alert">{problemOf(groups.error)?.detail ?? t('error.generic')}</p>}
      {groups.isSuccess && zone && (
        <>
          <section aria-labelledby="led-title">
            <h2 id="led-title">{t('facilitate.mine.led')}</h2>
            {led.length === 0 ? (
              <p>{t('facilitate.mine.noneLed')}</p>
            ) : (
              <ul className="results my-groups">
                {led.map((item) => (
                  <MyGroupItem key={item.group.id} item={item} zone={zone} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="joined-title">
            <h2 id="joined-title">{t('facilitate.mine.joined')}</h2>
            {joined.length === 0 ? (
              <p>
                {t('facilitate.mine.noneJoined')} <Link to="/">{t('nav.search')}</Link>
              </p>
            ) : (
              <ul className="results my-groups">
                {joined.map((item) => (
                  <MyGroupItem key={item.group.id} item={item} zone={zone} />
                ))}
              </ul>
            )}
          </section>
          {groups.hasNextPage && (
            <button
              type="button"
              className="secondary"
              disabled={groups.isFetchingNextPage}
              onClick={() => void groups.fetchNextPage()}
            >
              {t('search.more')}
            </button>
          )}
        </>
      )}
    </article>
  );
}

function MyGroupItem({ item, zone }: { item: MyGroup; zone: string }) {
  const { t } = useI18n();
  const { group, membership, nextMeeting } = item;
  return (
    <li className="card">
      <h3>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      <p className="meta">
        {membership.status === 'waitlisted'
          ? t('group.waitlisted', { position: membership.waitlistPosition ?? '?' })
          : t(`facilitate.role.${membership.role}`)}{' '}
        · {t('facilitate.mine.people', { count: group.memberCount, capacity: group.capacity })}
      </p>
      <p>
        {t('group.nextMeeting')}:{' '}
        {nextMeeting ? (
          <MeetingTime utc={nextMeeting.utc} viewerZone={zone} groupZone={group.timeZone} />
        ) : (
          t('group.noMeeting')
        )}
      </p>
      {facilitates(item) && (
        <p>
          <Link to={`/groups/${group.id}/manage`}>{t('facilitate.manage.link', { name: group.name })}</Link>
        </p>
      )}
    </li>
  );
}
