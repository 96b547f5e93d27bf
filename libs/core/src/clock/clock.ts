import { Injectable } from '@nestjs/common';

/** The only source of "now" in domain code, so tests can move time. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
