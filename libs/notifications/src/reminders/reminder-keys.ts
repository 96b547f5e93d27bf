/** Dedupe keys of reminder emails: one per occurrence, recipient and lead time, so nothing is sent twice. */

/** `rem:meeting:<meeting>:<starts at>:<user>:<offset>`: a moved meeting gets new keys, hence new reminders. */
export const meetingReminderKey = (meetingId: string, startsAt: Date, userId: string, offsetMinutes: number): string =>
  `rem:meeting:${meetingId}:${startsAt.toISOString()}:${userId}:${offsetMinutes}`;

/** `rem:module:<cohort>:<module>:<user>:<due at>`: an extension or a new zone moves the deadline, hence the key. */
export const moduleReminderKey = (cohortId: string, moduleId: string, userId: string, dueAt: Date): string =>
  `rem:module:${cohortId}:${moduleId}:${userId}:${dueAt.toISOString()}`;

/** `meeting-changed:<meeting>:<sequence>:<user>`: one email per revision of the meeting and person. */
export const meetingChangedKey = (meetingId: string, sequence: number, userId: string): string =>
  `meeting-changed:${meetingId}:${sequence}:${userId}`;
