import fc from 'fast-check';
import { localParts, zonedInstant } from '@app/core';
import { MAX_EARLY_MINUTES, meetingReminderTiming, minNoticeMinutes } from './meeting-reminder-timing';
import type { QuietHours } from './quiet-hours';

const NIGHT: QuietHours = { startMinute: 22 * 60, endMinute: 7 * 60 };
const DEFAULT_OFFSETS = [1440, 60];
const MINUTE_MS = 60_000;

const timing = (
  zone: string,
  quiet: QuietHours | null,
  startsAt: Date,
  offsetMinutes: number,
  offsets = DEFAULT_OFFSETS,
) => meetingReminderTiming({ startsAt, offsetMinutes, siblingOffsetsMinutes: offsets }, zone, quiet);

/** Inside quiet hours by Intl's wall clock: an oracle independent of the Temporal code under test. */
function insideQuiet(instant: Date, zone: string, quiet: QuietHours): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  if (quiet.startMinute === quiet.endMinute) return false;
  return quiet.startMinute > quiet.endMinute
    ? minute >= quiet.startMinute || minute < quiet.endMinute
    : minute >= quiet.startMinute && minute < quiet.endMinute;
}

describe('meetingReminderTiming (in Kathmandu, quiet hours 22:00-07:00 unless said)', () => {
  const zone = 'Asia/Kathmandu';
  /** The rule applied and the local send time, for a meeting at a local date and time ("2026-03-10 06:30"). */
  const sends = (quiet: QuietHours | null, meeting: string, offset: number, offsets = DEFAULT_OFFSETS) => {
    const [date, time] = meeting.split(' ') as [string, string];
    const result = timing(zone, quiet, zonedInstant(date, time, zone), offset, offsets);
    if (result.at === null) return [result.rule];
    const local = localParts(result.at, zone);
    return [result.rule, `${local.date} ${local.time}`];
  };

  it('on-time: a reminder due outside quiet hours goes when due', () => {
    expect(sends(NIGHT, '2026-03-10 18:00', 60)).toEqual(['on-time', '2026-03-10 17:00']);
    expect(sends(null, '2026-03-10 06:30', 60)).toEqual(['on-time', '2026-03-10 05:30']);
  });

  it('held: the 1 h reminder of a 07:30 meeting is held to 07:00, when quiet hours end', () => {
    expect(sends(NIGHT, '2026-03-10 07:30', 60)).toEqual(['held', '2026-03-10 07:00']);
    // 15 minutes' notice is enough; a 5-minute reminder needs half its lead time, 2.5 minutes.
    expect(sends(NIGHT, '2026-03-10 07:15', 60)).toEqual(['held', '2026-03-10 07:00']);
    expect(sends(NIGHT, '2026-03-10 07:03', 5, [5])).toEqual(['held', '2026-03-10 07:00']);
    expect(sends(NIGHT, '2026-03-10 07:02', 5, [5])).toEqual(['early', '2026-03-09 21:59']);
  });

  it('early: the 1 h reminder of a 06:30 meeting goes at 21:59 the evening before, as held it would come too late', () => {
    expect(sends(NIGHT, '2026-03-10 06:30', 60)).toEqual(['early', '2026-03-09 21:59']);
    // Held to 07:00 would leave 10 minutes' notice of a 07:10 meeting: under 15, so early too.
    expect(sends(NIGHT, '2026-03-10 07:10', 60)).toEqual(['early', '2026-03-09 21:59']);
    // Quiet hours within a day (13:00-15:00): the 1 h reminder of a 14:30 meeting goes at 12:59.
    expect(sends({ startMinute: 13 * 60, endMinute: 15 * 60 }, '2026-03-10 14:30', 60)).toEqual([
      'early',
      '2026-03-10 12:59',
    ]);
  });

  it('urgent: sent when due, inside quiet hours, when they began more than 12 h before it (18:00-08:00, 08:10 meeting)', () => {
    expect(sends({ startMinute: 18 * 60, endMinute: 8 * 60 }, '2026-03-10 08:10', 60)).toEqual([
      'urgent',
      '2026-03-10 07:10',
    ]);
    // 20:00-08:00 began 11 h 10 min before it: early is still allowed.
    expect(sends({ startMinute: 20 * 60, endMinute: 8 * 60 }, '2026-03-10 08:10', 60)).toEqual([
      'early',
      '2026-03-09 19:59',
    ]);
  });

  it('covered: a shorter reminder landing with (or before) a longer one of the same meeting is dropped, once for both', () => {
    // 2 h and 1 h before a 06:30 meeting both fall in the night: one email, the 2 h one, at 21:59.
    expect(sends(NIGHT, '2026-03-10 06:30', 120, [120, 60])).toEqual(['early', '2026-03-09 21:59']);
    expect(sends(NIGHT, '2026-03-10 06:30', 60, [120, 60])).toEqual(['covered']);
    // Both at 07:00 before an 08:00 meeting (the 2 h one held, the 1 h one due then): only the 2 h one goes.
    expect(sends(NIGHT, '2026-03-10 08:00', 120, [120, 60])).toEqual(['held', '2026-03-10 07:00']);
    expect(sends(NIGHT, '2026-03-10 08:00', 60, [120, 60])).toEqual(['covered']);
    // The day-before reminder, held to 07:00 the day before, goes before the hour-before one: both go.
    expect(sends(NIGHT, '2026-03-10 06:30', 1440)).toEqual(['held', '2026-03-09 07:00']);
  });

  it('early across a DST gap that swallows the start of quiet hours: the minute before the clocks jumped', () => {
    // New York springs forward at 02:00 on 8 March 2026; quiet 02:30-07:00 begins at 03:00 EDT that night.
    const quiet = { startMinute: 2 * 60 + 30, endMinute: 7 * 60 };
    const meeting = zonedInstant('2026-03-08', '06:30', 'America/New_York');
    expect(timing('America/New_York', quiet, meeting, 60)).toEqual({
      rule: 'early',
      at: new Date('2026-03-08T06:59:00Z'), // 01:59 EST
    });
  });

  it('property: never after the meeting starts, never inside quiet hours unless urgent, never two at one instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        fc.option(
          fc.record({ startMinute: fc.integer({ min: 0, max: 1439 }), endMinute: fc.integer({ min: 0, max: 1439 }) }),
          { nil: null },
        ),
        // Meetings start on whole minutes, 2020-2035.
        fc.integer({ min: 26_297_280, max: 34_712_640 }).map((minutes) => new Date(minutes * MINUTE_MS)),
        fc.uniqueArray(fc.integer({ min: 5, max: 10_080 }), { minLength: 1, maxLength: 4 }),
        (zone, quiet, startsAt, offsets) => {
          const sent: number[] = [];
          for (const offset of offsets) {
            const due = startsAt.getTime() - offset * MINUTE_MS;
            const result = timing(zone, quiet, startsAt, offset, offsets);
            if (result.rule === 'covered') {
              // Only ever in favour of a longer reminder of the same meeting; the longest always goes.
              expect(offsets.some((other) => other > offset)).toBe(true);
              continue;
            }
            const sendAt = result.at.getTime();
            sent.push(sendAt);
            expect(sendAt).toBeLessThan(startsAt.getTime());
            const quietAtDue = quiet !== null && insideQuiet(new Date(due), zone, quiet);
            switch (result.rule) {
              case 'on-time':
                expect(quietAtDue).toBe(false);
                expect(sendAt).toBe(due);
                break;
              case 'urgent':
                expect(quietAtDue).toBe(true);
                expect(sendAt).toBe(due);
                break;
              case 'held':
                expect(sendAt).toBeGreaterThan(due);
                expect(sendAt).toBeLessThanOrEqual(startsAt.getTime() - minNoticeMinutes(offset) * MINUTE_MS);
                break;
              case 'early':
                expect(sendAt).toBeLessThan(due);
                expect(sendAt).toBeGreaterThanOrEqual(due - MAX_EARLY_MINUTES * MINUTE_MS);
                break;
            }
            if (result.rule !== 'urgent' && quiet !== null) expect(insideQuiet(result.at, zone, quiet)).toBe(false);
          }
          expect(new Set(sent).size).toBe(sent.length);
          expect(sent.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
