import { localParts, zonedInstant } from '@app/core';
import { describeGroup } from './form-groups';
import type { GroupingLearner, GroupingOptions, GroupingResult } from './grouping.types';
import { emptyBits, intersectInto, learnerWeekBits } from './week-bitset';

/**
 * The Mechanical MOOC baseline, for comparison: sort by UTC offset (in the week of `weekOf`), cut into groups of
 * maxSize; the last, smaller group is kept as is. Languages and availability are not looked at; the reported
 * language is one all members share, if any.
 */
export function naiveGrouping(learners: readonly GroupingLearner[], options: GroupingOptions): GroupingResult {
  const bits = learnerWeekBits(learners, options.weekOf);
  const offsets = new Map<string, number>();
  const offsetOf = (zone: string): number => {
    let minutes = offsets.get(zone);
    if (minutes === undefined) {
      const offset = localParts(zonedInstant(options.weekOf, '12:00', zone), zone).offset;
      const [h, m] = offset.slice(1).split(':').map(Number);
      minutes = (offset.startsWith('-') ? -1 : 1) * ((h ?? 0) * 60 + (m ?? 0));
      offsets.set(zone, minutes);
    }
    return minutes;
  };
  const order = learners
    .map((_, i) => i)
    .sort((a, b) => offsetOf(learners[a]!.timeZone) - offsetOf(learners[b]!.timeZone));
  const groups = [];
  for (let from = 0; from < order.length; from += options.maxSize) {
    const members = order.slice(from, from + options.maxSize);
    const common = emptyBits().fill(0xffffffff);
    for (const i of members) intersectInto(common, bits[i]!);
    const shared = learners[members[0]!]!.languages.find((lang) =>
      members.every((i) => learners[i]!.languages.includes(lang)),
    );
    groups.push(
      describeGroup(
        members.map((i) => learners[i]!.id),
        shared ?? null,
        common,
      ),
    );
  }
  return { groups, unplaced: [] };
}
