/**
 * The views the groups library defines (migration GroupReadViews) for libraries above it to read in their own
 * set queries. Their columns are a promise: change a table under them, keep the view. Anything else about
 * groups is read through the exported repositories and services.
 */
export const GROUP_READ_VIEWS = {
  /** (group_id, user_id, role, joined_at): people holding a seat, facilitators included; no waitlist. */
  activeMembers: 'group_active_members',
  /** (meeting_id, group_id, starts_at): meetings not cancelled, past and future. */
  meetingsHeld: 'group_meetings_held',
  /** (meeting_id, user_id, attended): attendance as facilitators recorded it. */
  meetingAttendance: 'group_meeting_attendance',
  /** (meeting_id, group_id, title, starts_at, duration_minutes, status, sequence): every meeting, cancelled too. */
  meetings: 'group_meetings',
  /** (group_id, name, time_zone, reminder_offsets_minutes, meeting_link, venue, city): what mail says of a group. */
  summaries: 'group_summaries',
} as const;
