import { Clock } from '@app/core';

/**
 * Real time running, shifted: `now()` reads `start` when constructed, then moves with the wall clock. A
 * benchmark uses it to put an application at a chosen instant (a digest hour) without waiting for it.
 */
export class OffsetClock extends Clock {
  private offsetMs: number;

  constructor(start: Date) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the clock reads `instant` at the wall-clock time `wallMs` (a `Date.now()` value). */
  align(instant: Date, wallMs: number): void {
    this.offsetMs = instant.getTime() - wallMs;
  }
}
