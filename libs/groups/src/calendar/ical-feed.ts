import { Temporal } from '@js-temporal/polyfill';
import ical, { ICalEventStatus } from 'ical-generator';
import { MeetingStatus } from '../meetings/meeting.entity';
import { isRepeatedWallTime, vtimezone } from './vtimezone';

/** One meeting as a feed lists it. `meetingLink` is set only if the feed's owner may see it. */
export interface FeedMeeting {
  id: string;
  groupId: string;
  groupName: string;
  title: string | null;
  status: MeetingStatus;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  meetingLink: string | null;
  venue: string | null;
}

export interface FeedSpec {
  name: string;
  /** PUBLIC_URL, for links back to the group. */
  publicUrl: string;
  meetings: FeedMeeting[];
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * An iCalendar (RFC 5545) feed. UIDs are `<meeting id>@<host of PUBLIC_URL>` and never change; SEQUENCE is the
 * meeting's and goes up with each change; a cancelled meeting stays in the feed with STATUS:CANCELLED so
 * subscribed calendars drop it. Times are DTSTART;TZID=<group zone> with a VTIMEZONE for each zone used (a start or
 * end in the repeated hour of a fall-back night is written in UTC instead, see isRepeatedWallTime).
 */
export function renderFeed(spec: FeedSpec): string {
  const host = new URL(spec.publicUrl).hostname;
  const spans = zoneSpans(spec.meetings);
  const calendar = ical({
    prodId: { company: 'Commonplace', product: 'Meetings', language: 'EN' },
    name: spec.name,
    // Subscribed calendars poll; once an hour is a hint most apps honour.
    ttl: 3600,
    // No calendar-wide zone (its name stays null): DTSTAMP and the like stay in UTC, each event names its own.
    timezone: {
      name: null,
      generator: (zone) => {
        const span = spans.get(zone);
        return span ? vtimezone(zone, span.from, span.to) : null;
      },
    },
  });
  for (const m of spec.meetings) {
    const end = new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);
    const groupUrl = `${spec.publicUrl.replace(/\/$/, '')}/groups/${m.groupId}`;
    // A wall time that happens twice is written in UTC: clients disagree on which of the two it means.
    const zone = isRepeatedWallTime(m.startsAt, m.timeZone) || isRepeatedWallTime(end, m.timeZone) ? null : m.timeZone;
    calendar.createEvent({
      id: `${m.id}@${host}`,
      sequence: m.sequence,
      start: zone ? inZone(m.startsAt, zone) : m.startsAt,
      end: zone ? inZone(end, zone) : end,
      timezone: zone,
      // Without a METHOD, DTSTAMP is when the event was last revised (RFC 5545 §3.8.7.2): stable between polls.
      stamp: m.updatedAt,
      created: m.createdAt,
      lastModified: m.updatedAt,
      summary: m.title ? `${m.title} (${m.groupName})` : m.groupName,
      description: [
        `Study group: ${m.groupName}`,
        ...(m.meetingLink ? [`Join: ${m.meetingLink}`] : []),
        ...(m.venue ? [`Where: ${m.venue}`] : []),
        groupUrl,
      ].join('\n'),
      location: m.meetingLink ?? m.venue ?? null,
      url: groupUrl,
      status: m.status === MeetingStatus.Cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The instant as a wall time in `zone`, which ical-generator writes as DTSTART;TZID=<zone>:<local time>. */
const inZone = (instant: Date, zone: string): Temporal.ZonedDateTime =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);

/** For each zone, the span its VTIMEZONE must cover: every start and end, with a day to spare. */
function zoneSpans(meetings: FeedMeeting[]): Map<string, { from: Date; to: Date }> {
  const spans = new Map<string, { from: Date; to: Date }>();
  for (const m of meetings) {
    const from = new Date(m.startsAt.getTime() - DAY_MS);
    const to = new Date(m.startsAt.getTime() + m.durationMinutes * 60_000 + DAY_MS);
    const span = spans.get(m.timeZone);
    spans.set(
      m.timeZone,
      span ? { from: span.from < from ? span.from : from, to: span.to > to ? span.to : to } : { from, to },
    );
  }
  return spans;
}
