import { randomBytes } from 'node:crypto';

const NAME_MAX = 120;

/** "<cohort title> · Group N", the title shortened so the name fits a study group's 120 characters. */
export function cohortGroupName(cohortTitle: string, number: number): string {
  const suffix = ` · Group ${number}`;
  return `${cohortTitle.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}

/** The zone most members share when it is more than half of them; otherwise the cohort's. */
export function majorityZone(memberZones: readonly string[], cohortZone: string): string {
  const counts = new Map<string, number>();
  for (const zone of memberZones) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  for (const [zone, count] of counts) if (count * 2 > memberZones.length) return zone;
  return cohortZone;
}

/** A cohort group is private: 144 random bits, URL-safe, as every study group's invite code. */
export const newGroupInviteCode = (): string => randomBytes(18).toString('base64url');
