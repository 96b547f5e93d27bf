import { leadTime, statedLeadMinutes } from './meeting-mail-view';

describe('the lead time a meeting reminder states', () => {
  const startsAt = new Date('2026-03-10T00:45:00Z');
  const before = (minutes: number) => new Date(startsAt.getTime() - minutes * 60_000);

  it('is the group’s lead time when the email goes about on time', () => {
    expect(statedLeadMinutes(60, startsAt, before(60))).toBe(60);
    expect(statedLeadMinutes(1440, startsAt, before(1432))).toBe(1440);
    expect(leadTime(statedLeadMinutes(90, startsAt, before(89)))).toEqual({
      leadKey: 'reminder.lead.minutes',
      leadCount: 90,
    });
  });

  it('is the time actually left when quiet hours held it or moved it to the evening before', () => {
    // Held from 05:30 to 07:00 before a 07:30 meeting: 30 minutes, not "1 h".
    expect(leadTime(statedLeadMinutes(60, startsAt, before(30)))).toEqual({
      leadKey: 'reminder.lead.minutes',
      leadCount: 30,
    });
    // Sent at 21:59 before a 06:30 meeting: about 9 h (8 h 31 min).
    expect(leadTime(statedLeadMinutes(60, startsAt, before(511)))).toEqual({
      leadKey: 'reminder.lead.hours',
      leadCount: 9,
    });
    // Held 20 minutes, a day-before reminder still says 24 h; held 40, 23 h.
    expect(statedLeadMinutes(1440, startsAt, before(1400))).toBe(23 * 60);
    expect(leadTime(statedLeadMinutes(1440, startsAt, before(1420)))).toEqual({
      leadKey: 'reminder.lead.hours',
      leadCount: 24,
    });
    expect(statedLeadMinutes(60, startsAt, before(1))).toBe(5);
  });
});
