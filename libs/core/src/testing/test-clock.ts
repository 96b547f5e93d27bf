import { Clock } from '../clock/clock';

/** A clock tests move by hand. */
export class TestClock extends Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-15T12:00:00Z') {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
