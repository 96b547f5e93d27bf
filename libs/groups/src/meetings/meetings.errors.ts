import { DomainError, ErrorKind } from '@app/core';

export enum MeetingsErrorCode {
  /** The meeting was cancelled: it cannot be answered, moved or marked. */
  MeetingCancelled = 'meeting_cancelled',
  /** The meeting has begun: it cannot be answered, moved or cancelled any more. */
  MeetingStarted = 'meeting_started',
  /** Attendance is recorded once a meeting has begun. */
  MeetingNotStarted = 'meeting_not_started',
  /** Only active members answer for themselves. */
  NotAMember = 'not_a_member',
  /** A group may hold only so many upcoming meetings. */
  TooManyMeetings = 'too_many_meetings',
}

const KIND: { readonly [C in MeetingsErrorCode]: ErrorKind } = {
  [MeetingsErrorCode.MeetingCancelled]: ErrorKind.Conflict,
  [MeetingsErrorCode.MeetingStarted]: ErrorKind.Conflict,
  [MeetingsErrorCode.MeetingNotStarted]: ErrorKind.Conflict,
  [MeetingsErrorCode.NotAMember]: ErrorKind.Forbidden,
  [MeetingsErrorCode.TooManyMeetings]: ErrorKind.BadRequest,
};

const MESSAGE: { readonly [C in MeetingsErrorCode]: string } = {
  [MeetingsErrorCode.MeetingCancelled]: 'The meeting was cancelled.',
  [MeetingsErrorCode.MeetingStarted]: 'The meeting has already started.',
  [MeetingsErrorCode.MeetingNotStarted]: 'Attendance can be recorded once the meeting has started.',
  [MeetingsErrorCode.NotAMember]: 'Only active members of the group may do this.',
  [MeetingsErrorCode.TooManyMeetings]: 'The group would have too many upcoming meetings.',
};

export class MeetingsError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: MeetingsErrorCode, field?: string, message = MESSAGE[code]) {
    super(code, message, field ? [{ field, message }] : []);
    this.kind = KIND[code];
  }
}
