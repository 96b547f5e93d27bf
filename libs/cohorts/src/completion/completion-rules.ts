/** A cohort's completion rules, as shares in percent (0-100). */
export interface CompletionRules {
  modulePercent: number;
  attendancePercent: number;
}

/**
 * What one learner has done, as counts. Rules to come (peer review: submissions made, reviews given vs required)
 * add their counts here and one entry in RULES below.
 */
export interface CompletionCounts {
  modulesCompleted: number;
  modulesTotal: number;
  /** Meetings of the learner's cohort group held so far (not cancelled, started) and those they attended. */
  meetingsHeld: number;
  meetingsAttended: number;
  /** The learner is in one of the cohort's study groups. */
  inGroup: boolean;
}

export type CompletionRuleName = 'modules' | 'attendance';

export interface CompletionDecision {
  complete: boolean;
  /** The rules that do not hold yet, in a stable order. */
  unmet: CompletionRuleName[];
}

/** `done / total >= percent / 100`, in integers (no float rounding at exactly the threshold). */
const reaches = (done: number, total: number, percent: number): boolean => done * 100 >= percent * total;

const RULES: readonly { name: CompletionRuleName; holds: (rules: CompletionRules, c: CompletionCounts) => boolean }[] =
  [
    { name: 'modules', holds: (r, c) => reaches(c.modulesCompleted, c.modulesTotal, r.modulePercent) },
    {
      name: 'attendance',
      // No attendance rule: no group needed. Otherwise a share of nothing is not a share: until the group has
      // held a meeting, the rule does not hold.
      holds: (r, c) =>
        r.attendancePercent === 0 ||
        (c.inGroup && c.meetingsHeld > 0 && reaches(c.meetingsAttended, c.meetingsHeld, r.attendancePercent)),
    },
  ];

/** Whether a learner meets every completion rule of their cohort. Pure: the evaluator loads the counts. */
export function decideCompletion(rules: CompletionRules, counts: CompletionCounts): CompletionDecision {
  const unmet = RULES.filter((rule) => !rule.holds(rules, counts)).map((rule) => rule.name);
  return { complete: unmet.length === 0, unmet };
}
