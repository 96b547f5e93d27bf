import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { fieldError } from '../../api/problem';
import type { components } from '../../api/schema';
import { Field, TextAreaField } from '../field';
import { Instant } from '../instant';
import { useI18n } from '../../i18n/i18n';
import { FormError, LIMITS, OtherProblem, type Achievement, type Person } from './badge-forms';

/** A facilitator awards a badge to the members they pick, with evidence of what they did. */
export function AwardForm({ achievement, people }: { achievement: Achievement; people: Person[] }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [picked, setPicked] = useState<string[]>([]);
  const [narrative, setNarrative] = useState('');
  const [url, setUrl] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const award = useMutation({
    mutationFn: async () => {
      const evidence =
        narrative.trim() || url.trim()
          ? [{ narrative: narrative.trim() || undefined, url: url.trim() || undefined }]
          : undefined;
      return unwrap(
        await api.POST('/api/v1/badges/achievements/{achievementId}/awards', {
          params: { path: { achievementId: achievement.id } },
          body: { recipientIds: picked, evidence },
        }),
      );
    },
    onSuccess: () => {
      setPicked([]);
      void queries.invalidateQueries({ queryKey: ['awards', achievement.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (picked.length === 0) errors.recipientIds = t('scope.pickSomeone');
    if (picked.length > LIMITS.recipients) errors.recipientIds = t('scope.tooMany', { max: LIMITS.recipients });
    if (narrative.length > LIMITS.narrative) errors.narrative = t('scope.tooLong', { max: LIMITS.narrative });
    if (url.trim() && !/^https?:\/\/\S+$/i.test(url.trim())) errors.url = t('scope.badUrl');
    setLocal(errors);
    if (Object.keys(errors).length === 0) award.mutate();
  };
  const problem = problemOf(award.error);
  const results = award.data?.results;
  return (
    <form onSubmit={submit} noValidate className="award-form">
      <fieldset>
        <legend>{t('scope.award', { name: achievement.name })}</legend>
        <fieldset>
          <legend>{t('scope.recipients')}</legend>
          {people.map((p) => (
            <label key={p.userId} className="check">
              <input
                type="checkbox"
                checked={picked.includes(p.userId)}
                onChange={(e) =>
                  setPicked((now) => (e.target.checked ? [...now, p.userId] : now.filter((x) => x !== p.userId)))
                }
              />
              {p.displayName}
            </label>
          ))}
          <FormError message={local.recipientIds ?? fieldError(problem, 'recipientIds')} />
        </fieldset>
        <TextAreaField
          label={t('scope.evidence')}
          value={narrative}
          maxLength={LIMITS.narrative}
          onChange={(e) => setNarrative(e.target.value)}
          error={local.narrative ?? fieldError(problem, 'evidence.0.narrative')}
        />
        <Field
          label={t('scope.evidenceUrl')}
          type="url"
          value={url}
          maxLength={LIMITS.url}
          onChange={(e) => setUrl(e.target.value)}
          error={local.url ?? fieldError(problem, 'evidence.0.url')}
        />
        <button type="submit" disabled={award.isPending}>
          {t('scope.awardSubmit')}
        </button>
        <OtherProblem problem={problem} fields={['recipientIds', 'evidence']} />
        {results && (
          <p role="status">
            {t('scope.awarded', {
              issued: results.filter((r) => r.outcome === 'issued').length,
              held: results.filter((r) => r.outcome === 'held').length,
            })}
          </p>
        )}
      </fieldset>
    </form>
  );
}

/** Who holds the badge, revoked ones too; each current one can be revoked with a reason. */
export function AwardList({ achievementId, zone }: { achievementId: string; zone: string }) {
  const { t } = useI18n();
  const awards = useQuery({
    queryKey: ['awards', achievementId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/badges/achievements/{achievementId}/awards', { params: { path: { achievementId } } }),
      ),
  });
  if (!awards.data?.length) return null;
  return (
    <>
      <h4>{t('scope.awards')}</h4>
      <ul className="awards">
        {awards.data.map((a) => (
          <AwardItem key={a.id} award={a} zone={zone} />
        ))}
      </ul>
    </>
  );
}

function AwardItem({ award, zone }: { award: components['schemas']['AwardDto']; zone: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const revoke = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/badges/awards/{awardId}/revoke', {
          params: { path: { awardId: award.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['awards', award.achievementId] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = !reason.trim()
      ? t('scope.required')
      : reason.length > LIMITS.reason
        ? t('scope.tooLong', { max: LIMITS.reason })
        : undefined;
    setLocal(error);
    if (!error) revoke.mutate();
  };
  const problem = problemOf(revoke.error);
  const name = award.recipient?.displayName ?? '—';
  return (
    <li>
      {name} · <Instant utc={award.issuedAt} viewerZone={zone} />
      {award.revokedAt ? (
        <strong>
          {' '}
          · {t('scope.revoked')}
          {award.revocationReason && `: ${award.revocationReason}`}
        </strong>
      ) : (
        <form onSubmit={submit} noValidate className="revoke">
          <Field
            label={t('scope.revokeReason', { name })}
            value={reason}
            maxLength={LIMITS.reason}
            onChange={(e) => setReason(e.target.value)}
            error={local ?? fieldError(problem, 'reason')}
          />
          <button type="submit" disabled={revoke.isPending}>
            {t('scope.revoke')}
          </button>
          <OtherProblem problem={problem} fields={['reason']} />
        </form>
      )}
    </li>
  );
}
