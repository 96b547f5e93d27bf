import { fromRepoRoot, renderInZone } from '@app/core';
import type { TemplateSet } from '@app/mail';

import type { MeetingMailFacts } from './reminder-mail.repository';

/** What every meeting email template reads about the meeting. */
export interface MeetingMailView {
  displayName: string;
  groupName: string;
  title: string | null;
  /** In the reader's zone, naming it. */
  when: string;
  /** In the group's zone, when it differs from the reader's. */
  whenInGroup: string | null;
  meetingLink: string | null;
  place: string | null;
  groupUrl: string;
}

export function meetingMailView(facts: MeetingMailFacts, locale: string, publicUrl: string): MeetingMailView {
  const sameZone = facts.readerZone === facts.groupZone;
  return {
    displayName: facts.displayName,
    groupName: facts.groupName,
    title: facts.title,
    when: renderInZone(facts.startsAt, facts.readerZone, locale),
    whenInGroup: sameZone ? null : renderInZone(facts.startsAt, facts.groupZone, locale),
    meetingLink: facts.meetingLink,
    place: [facts.venue, facts.city].filter((part): part is string => !!part).join(', ') || null,
    groupUrl: groupUrl(publicUrl, facts.groupId),
  };
}

export const groupUrl = (publicUrl: string, groupId: string): string =>
  new URL(`/groups/${groupId}`, publicUrl).toString();

/** The event's summary and description in calendars (not translated: calendar apps show them as they are). */
export function calendarText(facts: MeetingMailFacts, publicUrl: string): { summary: string; description: string } {
  return {
    summary: facts.title ? `${facts.title} (${facts.groupName})` : facts.groupName,
    description: [
      `Study group: ${facts.groupName}`,
      ...(facts.meetingLink ? [`Join: ${facts.meetingLink}`] : []),
      ...(facts.venue ? [`Where: ${facts.venue}`] : []),
      groupUrl(publicUrl, facts.groupId),
    ].join('\n'),
  };
}

/** A lead time the way people say it (whole days, else whole hours, else minutes): a message key and its count. */
export function leadTime(offsetMinutes: number): { leadKey: string; leadCount: number } {
  if (offsetMinutes >= 2880 && offsetMinutes % 1440 === 0) {
    return { leadKey: 'reminder.lead.days', leadCount: offsetMinutes / 1440 };
  }
  if (offsetMinutes % 60 === 0) return { leadKey: 'reminder.lead.hours', leadCount: offsetMinutes / 60 };
  return { leadKey: 'reminder.lead.minutes', leadCount: offsetMinutes };
}

/** Sent within this much of its lead time, a reminder states the group's lead time as it is. */
const ON_TIME_MINUTES = 10;

/**
 * The lead time a reminder states, in minutes: the group's own when the email goes about on time, else the time
 * actually left (quiet hours held it, or moved it to the evening before), to the hour, or to 5 minutes under one.
 */
export function statedLeadMinutes(offsetMinutes: number, startsAt: Date, now: Date): number {
  const left = (startsAt.getTime() - now.getTime()) / 60_000;
  if (Math.abs(left - offsetMinutes) <= ON_TIME_MINUTES) return offsetMinutes;
  return left >= 60 ? Math.round(left / 60) * 60 : Math.max(5, Math.round(left / 5) * 5);
}

/** Same instant (an ISO string from a payload against a database timestamp). */
export const sameInstant = (iso: unknown, instant: Date): boolean =>
  typeof iso === 'string' && new Date(iso).getTime() === instant.getTime();

/** This domain's templates (`reminder-*`, `meeting-changed`) and their `messages/<locale>.json`. */
export const REMINDER_TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };
