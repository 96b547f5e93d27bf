/**
 * How an achievement is earned automatically, evaluated on its scope's domain events (libs/badges/src/rules):
 * - `cohort-completed`: the learner completed the cohort (scope: cohort);
 * - `meetings-attended`: attended at least `count` meetings of the group (scope: group);
 * - `reviews-given`: gave at least `count` peer reviews in the cohort, rated at least `minHelpfulness` (1-5) on
 *   average by their receivers (scope: cohort);
 * - `submission-scored`: a released score of at least `minScore` (0-100, per cent of the rubric's maximum) on the
 *   assignment, or on any assignment when none is named (scope: cohort).
 */
export type AwardRule =
  | { kind: 'cohort-completed' }
  | { kind: 'meetings-attended'; count: number }
  | { kind: 'reviews-given'; count: number; minHelpfulness: number }
  | { kind: 'submission-scored'; minScore: number; assignmentId?: string };

export type AwardRuleKind = AwardRule['kind'];

export const AWARD_RULE_KINDS: readonly AwardRuleKind[] = [
  'cohort-completed',
  'meetings-attended',
  'reviews-given',
  'submission-scored',
];
