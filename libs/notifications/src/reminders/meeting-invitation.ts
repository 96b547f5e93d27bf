import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * What a meeting email's iCalendar attachment says (RFC 5546 iTIP): a reminder PUBLISHes the meeting, a move is a
 * REQUEST that replaces the copy in the reader's calendar, a cancellation is a CANCEL. UID and SEQUENCE are the
 * ones the group's calendar feed uses (`<meeting id>@<host of PUBLIC_URL>`, the meeting's sequence), so the
 * attachment and a subscribed feed update the same event.
 */
export type InvitationMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface MeetingInvitation {
  method: InvitationMethod;
  meetingId: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  /** The meeting link (members only) or the venue. */
  location: string | null;
  groupUrl: string;
  publicUrl: string;
  organizer: { name: string; email: string };
  /** The reader: REQUEST and CANCEL name their attendee. */
  attendeeEmail: string;
  /** DTSTAMP: when this message was made. */
  stamp: Date;
}

const METHOD: { readonly [M in InvitationMethod]: ICalCalendarMethod } = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

/** The feed's UID scheme (libs/groups/src/calendar/ical-feed.ts): stable for the meeting's whole life. */
export const meetingUid = (meetingId: string, publicUrl: string): string =>
  `${meetingId}@${new URL(publicUrl).hostname}`;

/**
 * One VEVENT with its METHOD. Times are written in UTC: one event needs no VTIMEZONE, and UTC cannot be read
 * two ways in a repeated hour; calendars show it in the reader's own zone, and the email names both zones.
 */
export function renderInvitation(invite: MeetingInvitation): string {
  const calendar = ical({
    prodId: { company: 'Commonplace', product: 'Meetings', language: 'EN' },
    method: METHOD[invite.method],
  });
  const end = new Date(invite.startsAt.getTime() + invite.durationMinutes * 60_000);
  calendar.createEvent({
    id: meetingUid(invite.meetingId, invite.publicUrl),
    sequence: invite.sequence,
    start: invite.startsAt,
    end,
    stamp: invite.stamp,
    summary: invite.summary,
    description: invite.description,
    location: invite.location,
    url: invite.groupUrl,
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: invite.organizer,
    // No RSVP: replies would go to a no-reply address; people answer in the app.
    attendees:
      invite.method === 'PUBLISH'
        ? []
        : [
            {
              email: invite.attendeeEmail,
              role: ICalAttendeeRole.REQ,
              status: ICalAttendeeStatus.NEEDSACTION,
              rsvp: false,
            },
          ],
  });
  return calendar.toString();
}

/** The attachment as mail clients expect it: the method in the content type too (RFC 6047). */
export function invitationAttachment(invite: MeetingInvitation): {
  filename: string;
  content: string;
  contentType: string;
} {
  return {
    filename: invite.method === 'CANCEL' ? 'cancelled.ics' : 'meeting.ics',
    content: renderInvitation(invite),
    contentType: `text/calendar; charset=utf-8; method=${invite.method}`,
  };
}
