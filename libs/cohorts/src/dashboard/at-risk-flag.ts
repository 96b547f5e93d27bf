/** Why a facilitator should look at a learner. A column's at-risk rule adds its flag here (one line). */
export enum AtRiskFlag {
  /** A module's due instant for them (their extension included) has passed and it is not completed. */
  MissedDeadline = 'missedDeadline',
  /** No activity for 7 days (counted from enrollment, or the cohort's start, when they never acted). */
  Inactive = 'inactive',
  /** Not in any of the cohort's study groups. */
  NoGroup = 'noGroup',
  /** Peer review (its column's rule): fewer reviews given than asked in an assignment whose review window closed. */
  ReviewsOwed = 'reviewsOwed',
}

/** How `?flag=` names a flag: kebab case ("missed-deadline"); "at-risk" means any. */
export const flagParam = (flag: AtRiskFlag): string => flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every value `?flag=` takes. */
export const FLAG_PARAMS: readonly string[] = [...Object.values(AtRiskFlag).map(flagParam), 'at-risk'];

/** The flag a `?flag=` value names ("at-risk": any flag); undefined for none. */
export function flagOfParam(param: string | undefined): AtRiskFlag | 'atRisk' | undefined {
  if (param === undefined) return undefined;
  if (param === 'at-risk') return 'atRisk';
  return Object.values(AtRiskFlag).find((flag) => flagParam(flag) === param);
}
