import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf, unwrap } from '../api/client';
import { useMe } from '../api/me';
import { fieldError, type Problem } from '../api/problem';
import type { components } from '../api/schema';
import { Field, SelectField, TextAreaField } from '../components/field';
import { Instant } from '../components/instant';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

type Achievement = components['schemas']['AchievementDto'];
type Nomination = components['schemas']['NominationDto'];
type Person = { userId: string; displayName: string };
type ScopeType = 'group' | 'cohort';

/** The API's limits (BADGE_LIMITS in apps/api/src/badges/badges.dto.ts and the rule's), checked before sending. */
const LIMITS = {
  name: 200,
  description: 2_000,
  criteria: 4_000,
  validityDays: 3_650,
  endorsementsNeeded: 50,
  narrative: 4_000,
  url: 2_000,
  comment: 2_000,
  reason: 2_000,
  recipients: 500,
  ruleCount: 1_000,
} as const;

const RULE_KINDS: Record<ScopeType, readonly string[]> = {
  group: ['meetings-attended'],
  cohort: ['cohort-completed', 'reviews-given', 'submission-scored'],
};

/** The badges of a study group or a cohort, for its members (nominate, endorse) and its facilitators (make, award, decide). */
export function ScopeBadgesPage({ type }: { type: ScopeType }) {
  const params = useParams();
  const id = (type === 'group' ? params.groupId : params.cohortId) ?? '';
  const { t } = useI18n();
  const me = useMe();
  const scope = useScope(type, id, me !== null);
  const achievements = useQuery({
    queryKey: ['scope-badges', type, id],
    enabled: me !== null,
    queryFn: async () =>
      type === 'group'
        ? unwrap(await api.GET('/api/v1/groups/{groupId}/badges', { params: { path: { groupId: id } } }))
        : unwrap(await api.GET('/api/v1/cohorts/{cohortId}/badges', { params: { path: { cohortId: id } } })),
  });
  const nominations = useQuery({
    queryKey: ['scope-nominations', type, id],
    enabled: me !== null,
    queryFn: async () =>
      type === 'group'
        ? unwrap(await api.GET('/api/v1/groups/{groupId}/badges/nominations', { params: { path: { groupId: id } } }))
        : unwrap(
            await api.GET('/api/v1/cohorts/{cohortId}/badges/nominations', { params: { path: { cohortId: id } } }),
          ),
  });

  if (!me) {
    return (
      <p>
        <Link to={`/login?next=/${type}s/${id}/badges`}>{t('badges.logIn')}</Link>
      </p>
    );
  }
  if (scope.isPending || achievements.isPending) return <p>{t('loading')}</p>;
  const problem = problemOf(scope.error ?? achievements.error);
  if (problem || !scope.data || !achievements.data) return <p role="alert">{problem?.detail ?? t('error.notFound')}</p>;

  const { name, facilitates, people } = scope.data;
  const peers = people.filter((p) => p.userId !== me.id);
  const open = achievements.data.filter((a) => !a.archivedAt);
  return (
    <article>
      <h1>
        {t('scope.title')}: {name}
      </h1>
      <section>
        <h2>{t('scope.achievements')}</h2>
        {achievements.data.length === 0 && <p>{t('scope.none')}</p>}
        <ul className="results">
          {achievements.data.map((a) => (
            <AchievementItem key={a.id} achievement={a} facilitates={facilitates} people={peers} zone={me.timeZone} />
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('scope.nominations')}</h2>
        {nominations.data?.length === 0 && <p>{t('scope.noNominations')}</p>}
        <ul className="results">
          {nominations.data?.map((n) => (
            <NominationItem key={n.id} nomination={n} facilitates={facilitates} myId={me.id} scopeKey={[type, id]} />
          ))}
        </ul>
      </section>
      {open.some((a) => a.endorsementsNeeded !== null) && peers.length > 0 && (
        <NominateForm
          achievements={open.filter((a) => a.endorsementsNeeded !== null)}
          peers={peers}
          scopeKey={[type, id]}
        />
      )}
      {facilitates && <CreateAchievementForm type={type} id={id} />}
    </article>
  );
}

interface ScopeView {
  name: string;
  facilitates: boolean;
  /**
   * Who can be awarded or nominated: the group's active members; in a cohort, its active learners for facilitators
   * and a learner's own study group for a learner.
   */
  people: Person[];
}

function useScope(type: ScopeType, id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['badge-scope', type, id],
    enabled,
    queryFn: async (): Promise<ScopeView> => {
      if (type === 'group') {
        const g = unwrap(await api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId: id } } }));
        const people = g.forFacilitators?.roster ?? g.forMembers?.members ?? [];
        return { name: g.name, facilitates: g.forFacilitators !== null, people };
      }
      const c = unwrap(await api.GET('/api/v1/cohorts/{cohortId}', { params: { path: { cohortId: id } } }));
      if (c.forFacilitators === null) {
        // Learners see no roster: the peers they can nominate are the ones of their own study group in the cohort.
        // Not a learner here (or not yet grouped): nobody to nominate, the badges are still listed.
        const { data: mine } = await api.GET('/api/v1/cohorts/{cohortId}/me/group', {
          params: { path: { cohortId: id } },
        });
        return { name: c.title, facilitates: false, people: mine?.group?.members ?? [] };
      }
      // Every active learner, a page of 100 at a time (a cohort's capacity bounds the pages).
      const learners: Person[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/cohorts/{cohortId}/roster', {
            params: { path: { cohortId: id }, query: { status: 'active', limit: 100, cursor } },
          }),
        );
        learners.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { name: c.title, facilitates: true, people: learners };
    },
  });
}

function ruleText(t: ReturnType<typeof useI18n>['t'], rule: Achievement['rule']): string {
  const r = rule as { kind?: string; count?: number; minHelpfulness?: number; minScore?: number } | null;
  switch (r?.kind ?? 'none') {
    case 'cohort-completed':
      return t('scope.rule.cohort-completed');
    case 'meetings-attended':
      return t('scope.rule.meetings-attended', { count: r?.count ?? 0 });
    case 'reviews-given':
      return t('scope.rule.reviews-given', { count: r?.count ?? 0, min: r?.minHelpfulness ?? 0 });
    case 'submission-scored':
      return t('scope.rule.submission-scored', { min: r?.minScore ?? 0 });
    default:
      return t('scope.rule.none');
  }
}

function AchievementItem({
  achievement,
  facilitates,
  people,
  zone,
}: {
  achievement: Achievement;
  facilitates: boolean;
  people: Person[];
  zone: string;
}) {
  const { t } = useI18n();
  return (
    <li className="card">
      <h3>{achievement.name}</h3>
      {achievement.archivedAt && <p className="tag">{t('scope.archived')}</p>}
      <p className="description">{achievement.description}</p>
      <p className="meta">{achievement.criteria}</p>
      <p className="meta">{ruleText(t, achievement.rule)}</p>
      {facilitates && !achievement.archivedAt && <AwardForm achievement={achievement} people={people} />}
      {facilitates && <AwardList achievementId={achievement.id} zone={zone} />}
    </li>
  );
}

function AwardForm({ achievement, people }: { achievement: Achievement; people: Person[] }) {
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

function AwardList({ achievementId, zone }: { achievementId: string; zone: string }) {
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

function NominationItem({
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

function NominateForm({
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

function CreateAchievementForm({ type, id }: { type: ScopeType; id: string }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    description: '',
    criteria: '',
    rule: '',
    count: '',
    min: '',
    endorsementsNeeded: '',
    validityDays: '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const create = useMutation({
    mutationFn: async (body: components['schemas']['AchievementInputDto']) =>
      type === 'group'
        ? unwrap(await api.POST('/api/v1/groups/{groupId}/badges', { params: { path: { groupId: id } }, body }))
        : unwrap(await api.POST('/api/v1/cohorts/{cohortId}/badges', { params: { path: { cohortId: id } }, body })),
    onSuccess: () => {
      setForm({
        name: '',
        description: '',
        criteria: '',
        rule: '',
        count: '',
        min: '',
        endorsementsNeeded: '',
        validityDays: '',
      });
      void queries.invalidateQueries({ queryKey: ['scope-badges', type, id] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const whole = (value: string, field: string, min: number, max: number): number | null => {
      if (!value.trim()) return null;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) errors[field] = t('scope.range', { min, max });
      return n;
    };
    if (!form.name.trim()) errors.name = t('scope.required');
    if (form.name.length > LIMITS.name) errors.name = t('scope.tooLong', { max: LIMITS.name });
    if (form.description.length > LIMITS.description)
      errors.description = t('scope.tooLong', { max: LIMITS.description });
    if (form.criteria.length > LIMITS.criteria) errors.criteria = t('scope.tooLong', { max: LIMITS.criteria });
    const endorsementsNeeded = whole(form.endorsementsNeeded, 'endorsementsNeeded', 1, LIMITS.endorsementsNeeded);
    const validityDays = whole(form.validityDays, 'validityDays', 1, LIMITS.validityDays);
    let rule: Record<string, unknown> | null = null;
    switch (form.rule) {
      case 'cohort-completed':
        rule = { kind: form.rule };
        break;
      case 'meetings-attended':
        rule = { kind: form.rule, count: whole(form.count, 'rule.count', 1, LIMITS.ruleCount) };
        if (!form.count.trim()) errors['rule.count'] = t('scope.required');
        break;
      case 'reviews-given':
        rule = {
          kind: form.rule,
          count: whole(form.count, 'rule.count', 1, LIMITS.ruleCount),
          minHelpfulness: whole(form.min, 'rule.minHelpfulness', 1, 5),
        };
        if (!form.count.trim()) errors['rule.count'] = t('scope.required');
        if (!form.min.trim()) errors['rule.minHelpfulness'] = t('scope.required');
        break;
      case 'submission-scored':
        rule = { kind: form.rule, minScore: whole(form.min, 'rule.minScore', 0, 100) };
        if (!form.min.trim()) errors['rule.minScore'] = t('scope.required');
        break;
    }
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate({
      name: form.name.trim(),
      description: form.description.trim(),
      criteria: form.criteria.trim(),
      rule,
      endorsementsNeeded,
      validityDays,
    });
  };

  const problem = problemOf(create.error);
  const error = (field: string) => local[field] ?? fieldError(problem, field);
  const minField = form.rule === 'reviews-given' ? 'rule.minHelpfulness' : 'rule.minScore';
  return (
    <section>
      <h2>{t('scope.create')}</h2>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('scope.name')}
          value={form.name}
          maxLength={LIMITS.name}
          onChange={set('name')}
          error={error('name')}
          required
        />
        <TextAreaField
          label={t('scope.description')}
          value={form.description}
          maxLength={LIMITS.description}
          onChange={set('description')}
          error={error('description')}
        />
        <TextAreaField
          label={t('scope.criteria')}
          value={form.criteria}
          maxLength={LIMITS.criteria}
          onChange={set('criteria')}
          error={error('criteria')}
        />
        <SelectField label={t('scope.rule')} value={form.rule} onChange={set('rule')} error={error('rule')}>
          <option value="">{t('scope.rule.none')}</option>
          {RULE_KINDS[type].map((kind) => (
            <option key={kind} value={kind}>
              {t(`scope.rule.${kind}` as MessageKey, { count: 'N', min: 'X' })}
            </option>
          ))}
        </SelectField>
        {(form.rule === 'meetings-attended' || form.rule === 'reviews-given') && (
          <Field
            label={t('scope.ruleCount')}
            inputMode="numeric"
            value={form.count}
            onChange={set('count')}
            error={error('rule.count')}
          />
        )}
        {(form.rule === 'reviews-given' || form.rule === 'submission-scored') && (
          <Field
            label={t('scope.ruleMin')}
            inputMode="numeric"
            value={form.min}
            onChange={set('min')}
            error={error(minField)}
          />
        )}
        <Field
          label={t('scope.endorsements')}
          inputMode="numeric"
          value={form.endorsementsNeeded}
          onChange={set('endorsementsNeeded')}
          error={error('endorsementsNeeded')}
        />
        <Field
          label={t('scope.validity')}
          inputMode="numeric"
          value={form.validityDays}
          onChange={set('validityDays')}
          error={error('validityDays')}
        />
        <button type="submit" disabled={create.isPending}>
          {t('scope.create')}
        </button>
        <OtherProblem
          problem={problem}
          fields={['name', 'description', 'criteria', 'rule', 'endorsementsNeeded', 'validityDays']}
        />
        {create.isSuccess && <p role="status">{t('scope.created')}</p>}
      </form>
    </section>
  );
}

function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

/** A problem that names none of the form's fields (a conflict, a refusal): shown under the form. */
function OtherProblem({ problem, fields }: { problem: Problem | null; fields: string[] }) {
  const { t } = useI18n();
  if (!problem) return null;
  if (fields.some((f) => fieldError(problem, f))) return null;
  return <FormError message={problem.detail ?? problem.title ?? t('error.generic')} />;
}
