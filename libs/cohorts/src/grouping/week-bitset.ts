import { availabilityToWeekSpans, type WeekSpan } from '@app/groups';
import { zonedInstant } from '@app/core';
import type { GroupingLearner } from './grouping.types';

/** The week in 15-minute slots: every zone offset in use today is a multiple of 15 minutes. */
export const SLOT_MINUTES = 15;
export const SLOTS_PER_WEEK = (7 * 24 * 60) / SLOT_MINUTES; // 672
export const WORDS = SLOTS_PER_WEEK / 32; // 21

export type WeekBits = Uint32Array;

export function emptyBits(): WeekBits {
  return new Uint32Array(WORDS);
}

/**
 * Only slots a span covers whole are set, so a window read back from the bits is always inside the
 * availability it came from (a window on a half-hour boundary loses nothing; an odd "18:07" is rounded inward).
 */
export function spansToBits(spans: readonly WeekSpan[]): WeekBits {
  const bits = emptyBits();
  for (const [start, end] of spans) {
    for (let slot = Math.ceil(start / SLOT_MINUTES); slot < Math.floor(end / SLOT_MINUTES); slot++) {
      bits[slot >>> 5]! |= 1 << (slot & 31);
    }
  }
  return bits;
}

export function bitsToSpans(bits: WeekBits): WeekSpan[] {
  const spans: WeekSpan[] = [];
  let runStart = -1;
  for (let slot = 0; slot <= SLOTS_PER_WEEK; slot++) {
    const on = slot < SLOTS_PER_WEEK && ((bits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
    if (on && runStart < 0) runStart = slot;
    if (!on && runStart >= 0) {
      spans.push([runStart * SLOT_MINUTES, slot * SLOT_MINUTES]);
      runStart = -1;
    }
  }
  return spans;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function countBits(bits: WeekBits): number {
  let n = 0;
  for (let w = 0; w < WORDS; w++) n += popcount32(bits[w]!);
  return n;
}

/** Slots set in both, without allocating: the inner loop of the grouping. */
export function overlapSlots(a: WeekBits, b: WeekBits): number {
  let n = 0;
  for (let w = 0; w < WORDS; w++) n += popcount32(a[w]! & b[w]!);
  return n;
}

export function intersectInto(target: WeekBits, other: WeekBits): void {
  for (let w = 0; w < WORDS; w++) target[w]! &= other[w]!;
}

/**
 * Each learner's availability as UTC slots of the week containing `weekOf` in their zone. Converting with
 * Temporal costs ~0.5 ms a learner, and many learners share a zone and a pattern, so equal inputs are
 * converted once.
 */
export function learnerWeekBits(learners: readonly GroupingLearner[], weekOf: string): WeekBits[] {
  const cache = new Map<string, WeekBits>();
  return learners.map((learner) => {
    const key = `${learner.timeZone} ${JSON.stringify(learner.availability)}`;
    let bits = cache.get(key);
    if (!bits) {
      const now = zonedInstant(weekOf, '12:00', learner.timeZone);
      bits = spansToBits(availabilityToWeekSpans(learner.availability, learner.timeZone, now));
      cache.set(key, bits);
    }
    return bits;
  });
}
