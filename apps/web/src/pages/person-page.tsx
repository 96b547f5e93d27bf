import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { useI18n } from '../i18n/i18n';

/**
 * A person's public profile, for people signed in (profiles are shown to members, not to the open web): name, bio,
 * the hour where they live, and the badges they have not hidden. Badges link to their public credential page.
 */
export function PersonPage() {
  const { t, language } = useI18n();
  const me = useMe();
  const { userId = '' } = useParams();
  const profile = useQuery({
    queryKey: ['profile', userId],
    enabled: me !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/{userId}', { params: { path: { userId } } })),
  });
  const badges = useQuery({
    queryKey: ['profile-badges', userId],
    enabled: me !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/{userId}/badges', { params: { path: { userId } } })),
  });

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/people/${userId}`)}`}>{t('profile.logIn')}</Link>
      </p>
    );
  }
  if (profile.isPending) return <p>{t('loading')}</p>;
  if (profile.isError) {
    const problem = problemOf(profile.error);
    // An unknown or malformed id reads as nobody, as a missing page would.
    const nobody = problem?.status === 404 || problem?.status === 400;
    return <p role="alert">{nobody ? t('profile.notFound') : (problem?.detail ?? t('error.generic'))}</p>;
  }
  const person = profile.data;
  const day = (utc: string, timeZone: string) =>
    new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(utc),
    );
  const theirTimeNow = new Intl.DateTimeFormat(language, {
    timeZone: person.timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'long',
  }).format(new Date());
  return (
    <section className="person">
      <h1>{person.displayName}</h1>
      {person.id === me.id && (
        <p className="meta">
          {t('profile.mine')} <Link to="/account">{t('nav.account')}</Link>
        </p>
      )}
      {person.bio && <p className="bio">{person.bio}</p>}
      <dl className="meta">
        <div>
          <dt>{t('profile.localTime')}</dt>
          <dd>{theirTimeNow}</dd>
        </div>
        <div>
          <dt>{t('profile.memberSince')}</dt>
          <dd>{day(person.createdAt, me.timeZone || person.timeZone)}</dd>
        </div>
      </dl>
      <h2>{t('profile.badges')}</h2>
      {badges.isError && <p role="alert">{problemOf(badges.error)?.detail ?? t('error.generic')}</p>}
      {badges.data?.items.length === 0 && <p>{t('profile.noBadges')}</p>}
      <ul className="results badges">
        {badges.data?.items.map((badge) => (
          <li key={badge.awardId} className="card badge-card">
            <img src={badge.imageUrl} alt="" width={64} height={64} />
            <div>
              <h3>{badge.name}</h3>
              <p className="description">{badge.description}</p>
              <p className="meta">
                {t('profile.issuedBy', {
                  issuer: badge.issuerName,
                  date: day(badge.issuedAt, me.timeZone || person.timeZone),
                })}
              </p>
              <p>
                <a href={badge.links.credential}>{t('profile.seeCredential')}</a>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
