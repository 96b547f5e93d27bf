import fc from 'fast-check';
import ICAL from 'ical.js';
import { Temporal } from '@js-temporal/polyfill';
import { zonedInstant } from '@app/core';
import { MeetingStatus } from '../meetings/meeting.entity';
import { renderFeed, type FeedMeeting } from './ical-feed';
import { vtimezone } from './vtimezone';

const meeting = (m: Partial<FeedMeeting> & Pick<FeedMeeting, 'startsAt' | 'timeZone'>): FeedMeeting => ({
  id: '7d6a3f0e-3c2b-4f6e-9d7c-1a2b3c4d5e6f',
  groupId: '0f0e0d0c-0b0a-4909-8807-060504030201',
  groupName: 'Biogas builders',
  title: null,
  status: MeetingStatus.Scheduled,
  durationMinutes: 90,
  sequence: 0,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  meetingLink: null,
  venue: null,
  ...m,
});

/** Parses with ical.js (Mozilla's parser, independent of the generator) and resolves each DTSTART to UTC. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: event.startDate.zone?.tzid,
      status: vevent.getFirstPropertyValue('status'),
      description: event.description,
      location: event.location,
    };
  });
}

describe('iCalendar feed', () => {
  it('resolves to our instants across DST changes, through its own VTIMEZONE, in every zone used', () => {
    const starts: [string, string, string][] = [
      ['2026-03-03', '18:00', 'America/New_York'], // EST
      ['2026-03-08', '02:30', 'America/New_York'], // in the gap: 03:30 EDT
      ['2026-03-10', '18:00', 'America/New_York'], // EDT
      ['2026-11-01', '01:30', 'America/New_York'], // twice that night: the first, EDT
      ['2026-03-29', '02:30', 'Europe/Berlin'], // in the gap: 03:30 CEST
      ['2026-10-25', '02:30', 'Europe/Berlin'], // twice that night: the first, CEST
      ['2026-10-04', '02:15', 'Australia/Lord_Howe'], // in the 30-minute gap: 02:45
      ['2026-04-05', '01:45', 'Australia/Lord_Howe'], // twice that night: the first, +11:00
    ];
    const meetings = starts.map(([date, time, zone], i) =>
      meeting({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        startsAt: zonedInstant(date, time, zone),
        timeZone: zone,
      }),
    );
    const text = renderFeed({ name: 'Test', publicUrl: 'https://commonplace.example', meetings });
    const events = parse(text);
    expect(events.map((e) => e.start)).toEqual(meetings.map((m) => m.startsAt.toISOString()));
    expect(events.map((e) => e.end)).toEqual(
      meetings.map((m) => new Date(m.startsAt.getTime() + 90 * 60_000).toISOString()),
    );
    // Repeated wall times are written in UTC: clients (ical.js among them) would otherwise take the second one.
    const repeated = new Set([3, 5, 7]);
    expect(events.map((e) => e.tzid)).toEqual(starts.map(([, , zone], i) => (repeated.has(i) ? 'UTC' : zone)));
    expect(text).toContain('DTSTART:20261101T053000Z');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(3);
    expect(text).toContain('DTSTART;TZID=America/New_York:20260308T033000');
    expect(text).toContain('DTSTART;TZID=Australia/Lord_Howe:20261004T024500');
    // Lord Howe moves its clocks by half an hour.
    expect(text).toMatch(/TZOFFSETFROM:\+1030\r\nTZOFFSETTO:\+1100/);
    expect(text).toMatch(/TZOFFSETFROM:\+1100\r\nTZOFFSETTO:\+1030/);
  });

  it('names events by a stable UID on the public host, with SEQUENCE, STATUS, DTSTAMP and LAST-MODIFIED', () => {
    const text = renderFeed({
      name: 'Test',
      publicUrl: 'https://commonplace.example:8443/',
      meetings: [
        meeting({
          startsAt: new Date('2026-03-03T23:00:00Z'),
          timeZone: 'America/New_York',
          sequence: 3,
          status: MeetingStatus.Cancelled,
          updatedAt: new Date('2026-02-01T10:00:00Z'),
        }),
      ],
    });
    const [event] = parse(text);
    expect(event).toMatchObject({
      uid: '7d6a3f0e-3c2b-4f6e-9d7c-1a2b3c4d5e6f@commonplace.example',
      sequence: 3,
      status: 'CANCELLED',
    });
    expect(text).toContain('DTSTAMP:20260201T100000Z');
    expect(text).toContain('LAST-MODIFIED:20260201T100000Z');
  });

  it('puts the meeting link in the description only when given (the owner may see it)', () => {
    const base = { startsAt: new Date('2026-03-03T23:00:00Z'), timeZone: 'America/New_York' };
    const [withLink] = parse(
      renderFeed({
        name: 'T',
        publicUrl: 'https://x.example',
        meetings: [meeting({ ...base, meetingLink: 'https://meet.example.org/biogas' })],
      }),
    );
    expect(withLink?.description).toContain('https://meet.example.org/biogas');
    expect(withLink?.location).toBe('https://meet.example.org/biogas');
    const hidden = renderFeed({ name: 'T', publicUrl: 'https://x.example', meetings: [meeting(base)] });
    expect(hidden).not.toContain('meet.example.org');
  });

  it('resolves any whole-minute instant in any zone to itself (property)', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, date) => {
          const startsAt = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const [event] = parse(
            renderFeed({
              name: 'T',
              publicUrl: 'https://x.example',
              meetings: [meeting({ startsAt, timeZone: zone })],
            }),
          );
          expect(event?.start).toBe(startsAt.toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('resolves instants around every DST change to themselves, in zones with 60- and 30-minute shifts (property)', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2034-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -180, max: 180 }),
        fc.integer({ min: 5, max: 180 }),
        (zone, from, minutes, duration) => {
          const change = Temporal.Instant.fromEpochMilliseconds(from.getTime())
            .toZonedDateTimeISO(zone)
            .getTimeZoneTransition('next');
          if (!change) return;
          const startsAt = new Date(change.epochMilliseconds + minutes * 60_000);
          const [event] = parse(
            renderFeed({
              name: 'T',
              publicUrl: 'https://x.example',
              meetings: [meeting({ startsAt, timeZone: zone, durationMinutes: duration })],
            }),
          );
          expect(event?.start).toBe(startsAt.toISOString());
          expect(event?.end).toBe(new Date(startsAt.getTime() + duration * 60_000).toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a zone without DST as a single observance', () => {
    const text = vtimezone('America/La_Paz', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(text.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(text).toContain('TZOFFSETTO:-0400');
  });
});
