import ICAL from 'ical.js';
import { invitationAttachment, type MeetingInvitation } from './meeting-invitation';

const invite = (over: Partial<MeetingInvitation> = {}): MeetingInvitation => ({
  method: 'REQUEST',
  meetingId: '7f0c2a9e-4a55-4c1e-9b57-3f1f5a1e2d3c',
  sequence: 2,
  startsAt: new Date('2026-03-10T22:00:00Z'),
  durationMinutes: 90,
  summary: 'Biogas builders',
  description: 'Study group: Biogas builders',
  location: 'https://meet.example.org/biogas',
  groupUrl: 'https://learn.example.org/groups/g1',
  publicUrl: 'https://learn.example.org',
  organizer: { name: 'Commonplace', email: 'no-reply@learn.example.org' },
  attendeeEmail: 'ana@example.org',
  stamp: new Date('2026-03-01T12:00:00Z'),
  ...over,
});

/** Parsed with ical.js (Mozilla's parser, independent of the generator). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('meeting invitation (iCalendar attachment)', () => {
  it('is a REQUEST with the feed’s stable UID, the meeting’s SEQUENCE, the time in UTC and the reader', () => {
    const attachment = invitationAttachment(invite());
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const { calendar, vevent, event } = parse(attachment.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe('7f0c2a9e-4a55-4c1e-9b57-3f1f5a1e2d3c@learn.example.org');
    expect(event.sequence).toBe(2);
    expect(event.startDate.toJSDate()).toEqual(new Date('2026-03-10T22:00:00Z'));
    expect(event.endDate.toJSDate()).toEqual(new Date('2026-03-10T23:30:00Z'));
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@learn.example.org');
    expect(String(vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:ana@example.org');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('is a CANCEL with STATUS:CANCELLED for a cancelled meeting, and a PUBLISH for a reminder', () => {
    const cancel = parse(invitationAttachment(invite({ method: 'CANCEL', sequence: 3 })).content);
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.sequence).toBe(3);
    const publish = invitationAttachment(invite({ method: 'PUBLISH', sequence: 0 }));
    expect(publish.contentType).toContain('method=PUBLISH');
    expect(parse(publish.content).vevent.getFirstPropertyValue('attendee')).toBeNull();
  });
});
