import type { AvailabilityWindow } from '@app/identity';
import { suggestSlot } from './form-groups';
import { bitsToSpans, emptyBits, intersectInto, learnerWeekBits } from './week-bitset';
import { joinAcrossWeekEnd, LocalWeekReader, utcWindows, type WeeklyWindow } from './weekly-windows';

/** A member of a cohort group as stored: who, where, and when they are free now. */
export interface GroupMemberRecord {
  userId: string;
  displayName: string;
  timeZone: string;
  availability: AvailabilityWindow[];
}

export interface CohortGroupRecord {
  groupId: string;
  number: number;
  name: string;
  language: string;
  timeZone: string;
  memberCount: number;
  capacity: number;
  members: GroupMemberRecord[];
}

/** A member with the group's common time read in their own zone. */
export interface ExplainedMember {
  userId: string;
  displayName: string;
  timeZone: string;
  commonWindowsLocal: WeeklyWindow[];
  suggestedSlotLocal: WeeklyWindow | null;
}

/** Why a group can meet: the weekly hours all its members are free, in UTC and in each member's zone. */
export interface ExplainedGroup {
  groupId: string;
  number: number;
  name: string;
  language: string;
  timeZone: string;
  memberCount: number;
  sharedMinutesPerWeek: number;
  commonWindowsUtc: WeeklyWindow[];
  /** Null when the members share no time (any more). */
  suggestedSlotUtc: WeeklyWindow | null;
  members: ExplainedMember[];
}

/**
 * Explains groups from their members' current availability, for the week containing `weekOf`, with the same
 * week-bitset arithmetic as the grouping (so the hours shown are the hours the grouping counted). All members'
 * availability is converted in one pass: equal zone-and-pattern pairs are converted once.
 */
export function explainGroups(groups: readonly CohortGroupRecord[], weekOf: string): ExplainedGroup[] {
  const everyone = groups.flatMap((g) =>
    g.members.map((m) => ({ id: m.userId, timeZone: m.timeZone, languages: [], availability: m.availability })),
  );
  const bits = learnerWeekBits(everyone, weekOf);
  const reader = new LocalWeekReader(weekOf);
  let next = 0;
  return groups.map((group) => {
    const common = emptyBits();
    if (group.members.length > 0) common.fill(0xffffffff);
    for (const memberBits of bits.slice(next, next + group.members.length)) intersectInto(common, memberBits);
    next += group.members.length;
    const spans = joinAcrossWeekEnd(bitsToSpans(common));
    const slot = suggestSlot(spans);
    return {
      groupId: group.groupId,
      number: group.number,
      name: group.name,
      language: group.language,
      timeZone: group.timeZone,
      memberCount: group.memberCount,
      sharedMinutesPerWeek: spans.reduce((sum, [s, e]) => sum + e - s, 0),
      commonWindowsUtc: utcWindows(spans),
      suggestedSlotUtc: slot ? (utcWindows([slot])[0] ?? null) : null,
      members: group.members.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        timeZone: m.timeZone,
        commonWindowsLocal: reader.windows(spans, m.timeZone),
        suggestedSlotLocal: slot ? reader.window(slot, m.timeZone) : null,
      })),
    };
  });
}
