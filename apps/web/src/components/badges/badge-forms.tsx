import { fieldError, type Problem } from '../../api/problem';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';

/** What the badge forms of a cohort's or group's page share: the API's limits, a rule in words, problems. */
export type Achievement = components['schemas']['AchievementDto'];
export type Nomination = components['schemas']['NominationDto'];
export type Person = { userId: string; displayName: string };
export type ScopeType = 'group' | 'cohort';

/** The API's limits (BADGE_LIMITS in apps/api/src/badges/badges.dto.ts and the rule's), checked before sending. */
export const LIMITS = {
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

/** How an achievement is earned, in words. */
export function ruleText(t: ReturnType<typeof useI18n>['t'], rule: Achievement['rule']): string {
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

/** A message for a form or a group of controls, announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

/** A problem that names none of the form's fields (a conflict, a refusal): shown under the form. */
export function OtherProblem({ problem, fields }: { problem: Problem | null; fields: string[] }) {
  const { t } = useI18n();
  if (!problem) return null;
  if (fields.some((f) => fieldError(problem, f))) return null;
  return <FormError message={problem.detail ?? problem.title ?? t('error.generic')} />;
}
