import type { FieldProblem } from '@app/core';
import type { AchievementScope } from './achievement.entity';
import type { AwardRule, AwardRuleKind } from './award-rule';

/** The scope each rule's events come from. */
const RULE_SCOPE: { readonly [K in AwardRuleKind]: AchievementScope } = {
  'cohort-completed': 'cohort',
  'reviews-given': 'cohort',
  'submission-scored': 'cohort',
  'meetings-attended': 'group',
};

/** Counts above this are a typo, not a goal (a cohort has tens of meetings or reviews, not thousands). */
export const RULE_MAX_COUNT = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/**
 * Checks a rule as a client sent it (`field` is where it sits in the request) against the achievement's scope: the
 * rule, typed and without unknown keys, or the problems, each naming its field. The assignment's existence is
 * checked by the caller (it needs the cohort's course).
 */
export function parseAwardRule(
  scope: AchievementScope,
  input: unknown,
  field = 'rule',
): { rule: AwardRule; problems: [] } | { rule: null; problems: FieldProblem[] } {
  const problem = (path: string, message: string) => ({ rule: null, problems: [{ field: path, message }] });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return problem(field, 'must be an object');
  const raw = input as Record<string, unknown>;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(kind in RULE_SCOPE)) {
    return problem(`${field}.kind`, `must be one of ${Object.keys(RULE_SCOPE).join(', ')}`);
  }
  const ruleKind = kind as AwardRuleKind;
  if (RULE_SCOPE[ruleKind] !== scope) {
    return problem(`${field}.kind`, `${kind} is a rule for a ${RULE_SCOPE[ruleKind]}'s badges, not a ${scope}'s`);
  }
  const problems: FieldProblem[] = [];
  const allowed: Record<AwardRuleKind, string[]> = {
    'cohort-completed': ['kind'],
    'meetings-attended': ['kind', 'count'],
    'reviews-given': ['kind', 'count', 'minHelpfulness'],
    'submission-scored': ['kind', 'minScore', 'assignmentId'],
  };
  for (const key of Object.keys(raw)) {
    if (!allowed[ruleKind].includes(key))
      problems.push({ field: `${field}.${key}`, message: 'is not part of this rule' });
  }
  const needCount = (): void => {
    if (!isInteger(raw.count, 1, RULE_MAX_COUNT)) {
      problems.push({ field: `${field}.count`, message: `must be a whole number from 1 to ${RULE_MAX_COUNT}` });
    }
  };
  let rule: AwardRule;
  switch (ruleKind) {
    case 'cohort-completed':
      rule = { kind: ruleKind };
      break;
    case 'meetings-attended':
      needCount();
      rule = { kind: ruleKind, count: raw.count as number };
      break;
    case 'reviews-given':
      needCount();
      if (!isNumber(raw.minHelpfulness, 1, 5)) {
        problems.push({ field: `${field}.minHelpfulness`, message: 'must be a number from 1 to 5' });
      }
      rule = { kind: ruleKind, count: raw.count as number, minHelpfulness: raw.minHelpfulness as number };
      break;
    case 'submission-scored':
      if (!isNumber(raw.minScore, 0, 100)) {
        problems.push({ field: `${field}.minScore`, message: 'must be a number from 0 to 100' });
      }
      if (raw.assignmentId !== undefined && (typeof raw.assignmentId !== 'string' || !UUID.test(raw.assignmentId))) {
        problems.push({ field: `${field}.assignmentId`, message: 'must be a UUID' });
      }
      rule = { kind: ruleKind, minScore: raw.minScore as number };
      if (typeof raw.assignmentId === 'string') rule.assignmentId = raw.assignmentId.toLowerCase();
      break;
  }
  return problems.length > 0 ? { rule: null, problems } : { rule, problems: [] };
}
