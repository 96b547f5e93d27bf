import { MIN_COMMON_MINUTES } from './form-groups';
import type { GroupingLearner } from './grouping.types';
import { emptyBits, intersectInto, learnerWeekBits, overlapSlots, SLOT_MINUTES } from './week-bitset';

/** An existing group a late enroller could join. */
export interface PlacementCandidate {
  groupId: string;
  language: string;
  /** Active members now. */
  size: number;
  /** Its members, with their current availability. */
  members: GroupingLearner[];
}

export interface Placement {
  groupId: string;
  /** Minutes a week the group would still share with the learner in it. */
  sharedMinutes: number;
}

/**
 * Where a learner who opts in after groups were formed goes: the group in one of their languages, below
 * `maxSize`, whose common weekly time with them stays largest and at least MIN_COMMON_MINUTES (ties: the
 * smaller group, then the earlier one). Null when none fits: the caller opens a new group. Empty groups are
 * not offered: a late enroller should meet people.
 */
export function placeLearner(
  learner: GroupingLearner,
  groups: readonly PlacementCandidate[],
  options: { maxSize: number; weekOf: string },
): Placement | null {
  const everyone = [learner, ...groups.flatMap((g) => g.members)];
  const bits = learnerWeekBits(everyone, options.weekOf);
  const mine = bits[0]!;
  let best: { group: PlacementCandidate; slots: number } | null = null;
  let next = 1;
  for (const group of groups) {
    const memberBits = bits.slice(next, next + group.members.length);
    next += group.members.length;
    if (group.size >= options.maxSize || group.members.length === 0 || !learner.languages.includes(group.language)) {
      continue;
    }
    const common = emptyBits().fill(0xffffffff);
    for (const b of memberBits) intersectInto(common, b);
    const slots = overlapSlots(common, mine);
    if (slots * SLOT_MINUTES < MIN_COMMON_MINUTES) continue;
    if (!best || slots > best.slots || (slots === best.slots && group.size < best.group.size)) best = { group, slots };
  }
  return best ? { groupId: best.group.groupId, sharedMinutes: best.slots * SLOT_MINUTES } : null;
}
