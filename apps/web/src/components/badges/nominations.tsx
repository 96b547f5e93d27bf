import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { fieldError } from '../../api/problem';
import { Field, SelectField, TextAreaField } from '../field';
import { useI18n } from '../../i18n/i18n';
import { LIMITS, OtherProblem, type Achievement, type Nomination, type Person, type ScopeType } from './badge-forms';

/** An open nomination: peers endorse it (not the nominee nor the nominator), facilitators approve or decline. */
export function NominationItem({
  nomination,
  facilitates,
  myId,
  scopeKey,
}: {
  nomination: Nomination;
  facilitates: boolean;
  myId: string;
  scopeKey: [ScopeType, string];
}) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const refresh = () => queries.invalidateQueries({ queryKey: ['scope-nominations', ...scopeKey] });
  const path = { params: { path: { nominationId: nomination.id } } };
  const endorse = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/badges/nominations/{nominationId}/endorsements', { ...path, body: {} })),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/badges/nominations/{nominationId}/approve', path)),
    onSuccess: async () => {
      await refresh();
      await queries.invalidateQueries({ queryKey: ['awards', nomination.achievementId] });
    },
  });
  const decline = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/badges/nominations/{nominationId}/decline', { ...path, body: { reason } })),
    onSuccess: refresh,
  });
  const mine = nomination.nominee.id === myId || nomination.nominator.id === myId;
  const problem = problemOf(endorse.error ?? approve.error ?? decline.error);
  const onDecline = () => {
    const error = !reason.trim()
      ? t('scope.required')
      : reason.length > LIMITS.reason
        ? t('scope.tooLong', { max: LIMITS.reason })
        : undefined;
    setReasonError(error);
    if (!error) decline.mutate();
  };
  return (
    <li className="card">
      <p>
        {t('scope.nominatedBy', {
          nominee: nomination.nominee.displayName,
          badge: nomination.achievementName,
          nominator: nomination.nominator.displayName,
        })}
      </p>
      <blockquote>{nomination.comment}</blockquote>
      <p className="meta">
        {t('scope.endorsementCount', { count: nomination.endorsements, needed: nomination.endorsementsNeeded ?? '—' })}
      </p>
      {nomination.endorsedByMe && <p>{t('scope.endorsed')}</p>}
      {!mine && !nomination.endorsedByMe && (
        <button type="button" disabled={endorse.isPending} onClick={() => endorse.mutate()}>
          {t('scope.endorse')}
        </button>
      )}
      {facilitates && (
        <div className="decide">
          <button type="button" disabled={approve.isPending} onClick={() => approve.mutate()}>
            {t('scope.approve')}
          </button>
          <Field
            label={t('scope.declineReason')}
            value={reason}
            maxLength={LIMITS.reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError ?? fieldError(problem, 'reason')}
          />
          <button type="button" disabled={decline.isPending} onClick={onDecline}>
            {t('scope.decline')}
          </button>
        </div>
      )}
      <OtherProblem problem={problem} fields={['reason']} />
    </li>
  );
}

/** A member nominates a peer for a badge open to nominations, saying why. */
export function NominateForm({
  achievements,
  peers,
  scopeKey,
}: {
  achievements: Achievement[];
  peers: Person[];
  scopeKey: [ScopeType, string];
}) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [achievementId, setAchievementId] = useState(achievements[0]?.id ?? '');
  const [nomineeId, setNomineeId] = useState(peers[0]?.userId ?? '');
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const nominate = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/badges/achievements/{achievementId}/nominations', {
          params: { path: { achievementId } },
          body: { nomineeId, comment: comment.trim() },
        }),
      ),
    onSuccess: () => {
      setComment('');
      void queries.invalidateQueries({ queryKey: ['scope-nominations', ...scopeKey] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = !comment.trim()
      ? t('scope.required')
      : comment.length > LIMITS.comment
        ? t('scope.tooLong', { max: LIMITS.comment })
        : undefined;
    setLocal(error);
    if (!error) nominate.mutate();
  };
  const problem = problemOf(nominate.error);
  return (
    <section>
      <h2>{t('scope.nominate')}</h2>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('scope.nominee')}
          value={nomineeId}
          onChange={(e) => setNomineeId(e.target.value)}
          error={fieldError(problem, 'nomineeId')}
        >
          {peers.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.displayName}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('scope.nominateBadge')}
          value={achievementId}
          onChange={(e) => setAchievementId(e.target.value)}
        >
          {achievements.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('scope.comment')}
          value={comment}
          maxLength={LIMITS.comment}
          onChange={(e) => setComment(e.target.value)}
          error={local ?? fieldError(problem, 'comment')}
        />
        <button type="submit" disabled={nominate.isPending}>
          {t('scope.nominateSubmit')}
        </button>
        <OtherProblem problem={problem} fields={['nomineeId', 'comment']} />
        {nominate.isSuccess && <p role="status">{t('scope.nominated')}</p>}
      </form>
    </section>
  );
}
