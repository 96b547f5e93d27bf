import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import type { components } from '../api/schema';
import { Instant } from '../components/instant';
import { useI18n } from '../i18n/i18n';
import { browserTimeZone } from '../time/zones';

type HeldBadge = components['schemas']['HeldBadgeDto'];

/** The badges I hold, whatever their state: download, share, and hide from (or show on) my public profile. */
export function MyBadgesPage() {
  const { t } = useI18n();
  const me = useMe();
  const badges = useQuery({
    queryKey: ['my-badges'],
    enabled: me !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/me/badges')),
  });

  if (!me) {
    return (
      <section>
        <h1>{t('badges.title')}</h1>
        <p>
          <Link to="/login?next=/badges">{t('badges.logIn')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t('badges.title')}</h1>
      <p>
        <Link to={`/people/${me.id}`}>{t('profile.viewMine')}</Link>
      </p>
      {badges.isPending && <p>{t('loading')}</p>}
      {badges.isError && <p role="alert">{problemOf(badges.error)?.detail ?? t('error.generic')}</p>}
      {badges.data?.items.length === 0 && <p>{t('badges.none')}</p>}
      <ul className="results badges">
        {badges.data?.items.map((badge) => (
          <BadgeItem key={badge.awardId} badge={badge} zone={me.timeZone || browserTimeZone()} />
        ))}
      </ul>
    </section>
  );
}

function BadgeItem({ badge, zone }: { badge: HeldBadge; zone: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [copied, setCopied] = useState(false);
  const visibility = useMutation({
    mutationFn: async (hidden: boolean) =>
      unwrap(
        await api.PATCH('/api/v1/users/me/badges/{awardId}', {
          params: { path: { awardId: badge.awardId } },
          body: { hidden },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['my-badges'] }),
  });
  const [copyFailed, setCopyFailed] = useState(false);
  const copy = async () => {
    // The clipboard needs a secure origin and the person's leave: without it, the link is there to copy by hand.
    try {
      await navigator.clipboard.writeText(badge.links.credential);
      setCopied(true);
    } catch {
      setCopyFailed(true);
    }
  };
  const slug = badge.name.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase();
  return (
    <li className="card badge-card">
      <img src={badge.imageUrl} alt="" width={96} height={96} />
      <div>
        <h2>{badge.name}</h2>
        <p className={`state state-${badge.state}`}>
          <strong>{t(`badges.state.${badge.state}`)}</strong>
          {badge.state === 'revoked' && badge.revocationReason && (
            <span> · {t('badges.revokedBecause', { reason: badge.revocationReason })}</span>
          )}
          {badge.hidden && <span> · {t('badges.hidden')}</span>}
        </p>
        <p className="description">{badge.description}</p>
        <dl className="meta">
          <div>
            <dt>{t('badges.issuedAt')}</dt>
            <dd className="issued-at">
              <Instant utc={badge.issuedAt} viewerZone={zone} />
            </dd>
          </div>
          {badge.validUntil && (
            <div>
              <dt>{t('badges.validUntil')}</dt>
              <dd>
                <Instant utc={badge.validUntil} viewerZone={zone} />
              </dd>
            </div>
          )}
        </dl>
        <p className="meta">{t('badges.issuedBy', { issuer: badge.issuerName })}</p>
        <p className="actions">
          <span>{t('badges.download')}:</span>{' '}
          <button type="button" className="link" onClick={() => void downloadJson(badge.links.json, `${slug}.json`)}>
            {t('badges.downloadJson')}
          </button>{' '}
          <a href={badge.links.png} download={`${slug}.png`}>
            {t('badges.downloadPng')}
          </a>{' '}
          <a href={badge.links.svg} download={`${slug}.svg`}>
            {t('badges.downloadSvg')}
          </a>
        </p>
        <p className="actions">
          <a href={badge.links.credential}>{t('badges.share')}</a>{' '}
          <button type="button" onClick={() => void copy()}>
            {t('badges.copy')}
          </button>{' '}
          <button type="button" disabled={visibility.isPending} onClick={() => visibility.mutate(!badge.hidden)}>
            {badge.hidden ? t('badges.show') : t('badges.hide')}
          </button>
        </p>
        <p role="status">
          {copied && t('badges.copied')}
          {copyFailed && (
            <>
              {t('badges.copyByHand')} <code>{badge.links.credential}</code>
            </>
          )}
        </p>
        {visibility.isError && <p role="alert">{problemOf(visibility.error)?.detail ?? t('error.generic')}</p>}
      </div>
    </li>
  );
}

/**
 * The credential URL answers a browser's navigation with its HTML page, so the JSON is asked for explicitly and
 * saved from memory.
 */
async function downloadJson(url: string, fileName: string): Promise<void> {
  const response = await fetch(url, { headers: { Accept: 'application/ld+json' } });
  if (!response.ok) return;
  const blob = new Blob([await response.text()], { type: 'application/ld+json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
