import type { WeekSpan } from '@app/groups';
import type { FormedGroup, GroupingLearner, GroupingOptions, GroupingResult } from './grouping.types';
import {
  bitsToSpans,
  countBits,
  intersectInto,
  learnerWeekBits,
  overlapSlots,
  SLOT_MINUTES,
  type WeekBits,
} from './week-bitset';

/** A group must share at least an hour a week. */
export const MIN_COMMON_MINUTES = 60;
export const SUGGESTED_MEETING_MINUTES = 90;
const MIN_COMMON_SLOTS = MIN_COMMON_MINUTES / SLOT_MINUTES;
/** Per seed, only the peers overlapping it most are tried: keeps a group's growth O(bucket), not O(bucket²). */
const CANDIDATES_PER_SEED = 300;

/**
 * Greedy cohort grouping: maximise weekly time every member of a group can meet, in a language all speak.
 *
 * Per language (smallest bucket first, so speakers of rare languages are grouped before the common language
 * absorbs them), learners are seeded in order of fewest compatible peers (sharing ≥ 60 min); each group grows
 * by the peer that keeps the largest common time, up to maxSize, while it keeps ≥ 60 min. A group that cannot
 * reach minSize is dissolved and its learners go on to their next language. Remainders: each learner still
 * unplaced joins the group (in one of their languages, below maxSize) whose common time stays largest and
 * ≥ 60 min; whoever is left is reported in `unplaced`, never silently forced into a group.
 */
export function formGroups(learners: readonly GroupingLearner[], options: GroupingOptions): GroupingResult {
  const { minSize, maxSize } = options;
  if (minSize < 1 || maxSize < minSize) throw new RangeError('Need 1 <= minSize <= maxSize');
  const bits = learnerWeekBits(learners, options.weekOf);
  const placed = new Uint8Array(learners.length);
  const built: { members: number[]; language: string; common: WeekBits }[] = [];

  const buckets = new Map<string, number[]>();
  learners.forEach((learner, i) => {
    for (const language of new Set(learner.languages)) {
      const bucket = buckets.get(language) ?? [];
      bucket.push(i);
      buckets.set(language, bucket);
    }
  });
  const ordered = [...buckets.entries()].sort((a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]));

  for (const [language, bucket] of ordered) {
    const open = bucket.filter((i) => !placed[i] && countBits(bits[i]!) >= MIN_COMMON_SLOTS);
    const degree = new Map<number, number>(open.map((i) => [i, 0]));
    for (let a = 0; a < open.length; a++) {
      const ia = open[a]!;
      for (let b = a + 1; b < open.length; b++) {
        const ib = open[b]!;
        if (overlapSlots(bits[ia]!, bits[ib]!) >= MIN_COMMON_SLOTS) {
          degree.set(ia, degree.get(ia)! + 1);
          degree.set(ib, degree.get(ib)! + 1);
        }
      }
    }
    const seeds = open.filter((i) => degree.get(i)! >= minSize - 1).sort((a, b) => degree.get(a)! - degree.get(b)!);
    for (const seed of seeds) {
      if (placed[seed]) continue;
      const candidates: { i: number; overlap: number }[] = [];
      for (const i of open) {
        if (i === seed || placed[i]) continue;
        const overlap = overlapSlots(bits[seed]!, bits[i]!);
        if (overlap >= MIN_COMMON_SLOTS) candidates.push({ i, overlap });
      }
      if (candidates.length < minSize - 1) continue;
      candidates.sort((a, b) => b.overlap - a.overlap);
      const pool = candidates.slice(0, CANDIDATES_PER_SEED).map((c) => c.i);
      const members = [seed];
      const common = Uint32Array.from(bits[seed]!);
      while (members.length < maxSize) {
        let best = -1;
        let bestOverlap = MIN_COMMON_SLOTS - 1;
        for (const i of pool) {
          if (members.includes(i)) continue;
          const overlap = overlapSlots(common, bits[i]!);
          if (overlap > bestOverlap) {
            best = i;
            bestOverlap = overlap;
          }
        }
        if (best < 0) break;
        members.push(best);
        intersectInto(common, bits[best]!);
      }
      if (members.length < minSize) continue;
      for (const i of members) placed[i] = 1;
      built.push({ members, language, common });
    }
  }

  // Remainders: the best existing group in one of the learner's languages with room and ≥ 60 min left.
  learners.forEach((learner, i) => {
    if (placed[i]) return;
    let best: (typeof built)[number] | undefined;
    let bestOverlap = MIN_COMMON_SLOTS - 1;
    for (const group of built) {
      if (group.members.length >= maxSize || !learner.languages.includes(group.language)) continue;
      const overlap = overlapSlots(group.common, bits[i]!);
      if (overlap > bestOverlap) {
        best = group;
        bestOverlap = overlap;
      }
    }
    if (!best) return;
    best.members.push(i);
    intersectInto(best.common, bits[i]!);
    placed[i] = 1;
  });

  return {
    groups: built.map((g) =>
      describeGroup(
        g.members.map((i) => learners[i]!.id),
        g.language,
        g.common,
      ),
    ),
    unplaced: learners.filter((_, i) => !placed[i]).map((l) => ({ id: l.id, reason: 'no-group-with-common-time' })),
  };
}

export function describeGroup(memberIds: string[], language: string | null, common: WeekBits): FormedGroup {
  const commonWindows = bitsToSpans(common);
  const sharedMinutes = commonWindows.reduce((sum, [s, e]) => sum + e - s, 0);
  return { memberIds, language, commonWindows, sharedMinutes, suggestedSlot: suggestSlot(commonWindows) };
}

/** The start of the longest common window (earliest on a tie), capped at a 90-minute meeting. */
export function suggestSlot(windows: readonly WeekSpan[]): WeekSpan | null {
  let best: WeekSpan | null = null;
  for (const w of windows) if (!best || w[1] - w[0] > best[1] - best[0]) best = w;
  return best ? [best[0], best[0] + Math.min(best[1] - best[0], SUGGESTED_MEETING_MINUTES)] : null;
}
