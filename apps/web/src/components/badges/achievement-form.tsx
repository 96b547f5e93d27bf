import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemOf, unwrap } from '../../api/client';
import { fieldError } from '../../api/problem';
import type { components } from '../../api/schema';
import { Field, SelectField, TextAreaField } from '../field';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { LIMITS, OtherProblem, type ScopeType } from './badge-forms';

/** The rules the API accepts for each scope (libs/badges award-rule-input.ts). */
const RULE_KINDS: Record<ScopeType, readonly string[]> = {
  group: ['meetings-attended'],
  cohort: ['cohort-completed', 'reviews-given', 'submission-scored'],
};

/** A facilitator makes a badge for their cohort or group: its words, how it is earned automatically, nominations. */
export function CreateAchievementForm({ type, id }: { type: ScopeType; id: string }) {
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
