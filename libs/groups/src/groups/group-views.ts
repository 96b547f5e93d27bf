import { GroupRole, type MembershipStatus } from '../membership/group-member.entity';
import type { MemberRecord, OwnMembershipRecord } from '../membership/group-member.repository';
import { GroupMode, type GroupVisibility, type SignupQuestion, type StudyGroup } from '../study-group.entity';
import { timeInZones, type TimeInZones, type ViewerClock } from './time-in-zones';

/** How many waitlisted people a facilitator's view of a group lists (its length is always given). */
export const WAITLIST_SHOWN = 100;

export interface GroupPlace {
  venue: string | null;
  city: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** What anyone who may see the group sees: no meeting link, no emails, no answers, no invite code. */
export interface GroupFace {
  id: string;
  name: string;
  description: string;
  courseVersionId: string | null;
  topic: string | null;
  language: string;
  timeZone: string;
  mode: GroupMode;
  /** In-person groups only. */
  place: GroupPlace | null;
  /** Active people the group holds, facilitators included. */
  capacity: number;
  memberCount: number;
  seatsLeft: number;
  waitlistLength: number;
  signupOpen: boolean;
  visibility: GroupVisibility;
  signupQuestions: SignupQuestion[];
  /** Minutes before each meeting that members are emailed a reminder. */
  reminderOffsetsMinutes: number[];
  facilitators: { userId: string; displayName: string; role: GroupRole }[];
  createdAt: TimeInZones;
}

/** The viewer's own place in the group. */
export interface OwnMembership {
  role: GroupRole;
  status: MembershipStatus;
  /** 1 = next to get a seat; null when active. */
  waitlistPosition: number | null;
  joinedAt: TimeInZones;
  waitlistedAt: TimeInZones | null;
}

export interface MemberView {
  userId: string;
  displayName: string;
  role: GroupRole;
  joinedAt: TimeInZones;
}

export interface RosterEntry extends MemberView {
  email: string | null;
  signupAnswers: Record<string, string>;
}

export interface WaitlistEntry {
  userId: string;
  displayName: string;
  email: string | null;
  position: number;
  waitlistedAt: TimeInZones;
  signupAnswers: Record<string, string>;
}

export interface GroupDetail extends GroupFace {
  /** Null when the viewer is neither a member nor waitlisted. */
  membership: OwnMembership | null;
  /** Active members (and platform admins) only. */
  forMembers: { meetingLink: string | null; members: MemberView[] } | null;
  /** Facilitators, co-facilitators (and platform admins) only. */
  forFacilitators: {
    inviteCode: string | null;
    roster: RosterEntry[];
    waitlist: WaitlistEntry[];
    waitlistLength: number;
  } | null;
}

export interface GroupViewData {
  group: StudyGroup;
  viewer: ViewerClock;
  active: MemberRecord[];
  waitlistLength: number;
  own: OwnMembershipRecord | null;
  level: 'public' | 'member' | 'facilitator';
  waitlist: MemberRecord[];
}

const FACILITATING = new Set<GroupRole>([GroupRole.Facilitator, GroupRole.CoFacilitator]);

/** Builds what one viewer may see of a group. Each level adds to the one before; nothing else leaks. */
export function toGroupDetail(d: GroupViewData): GroupDetail {
  const at = (instant: Date) => timeInZones(instant, d.viewer, d.group.timeZone);
  const face = toGroupFace(d.group, d.active, d.waitlistLength, d.viewer);
  const membership = d.own ? toOwnMembership(d.own, d.viewer, d.group.timeZone) : null;
  const memberView = (m: MemberRecord): MemberView => ({
    userId: m.userId,
    displayName: m.displayName,
    role: m.role,
    joinedAt: at(m.joinedAt),
  });
  return {
    ...face,
    membership,
    forMembers: d.level === 'public' ? null : { meetingLink: d.group.meetingLink, members: d.active.map(memberView) },
    forFacilitators:
      d.level !== 'facilitator'
        ? null
        : {
            inviteCode: d.group.inviteCode,
            roster: d.active.map((m) => ({ ...memberView(m), email: m.email, signupAnswers: m.signupAnswers })),
            waitlist: d.waitlist.map((m, i) => ({
              userId: m.userId,
              displayName: m.displayName,
              email: m.email,
              position: i + 1,
              waitlistedAt: at(m.waitlistedAt ?? m.joinedAt),
              signupAnswers: m.signupAnswers,
            })),
            waitlistLength: d.waitlistLength,
          },
  };
}

export function toGroupFace(
  group: StudyGroup,
  active: MemberRecord[],
  waitlistLength: number,
  viewer: ViewerClock,
): GroupFace {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    courseVersionId: group.courseVersionId,
    topic: group.topic,
    language: group.language,
    timeZone: group.timeZone,
    mode: group.mode,
    place:
      group.mode === GroupMode.InPerson
        ? {
            venue: group.venue,
            city: group.city,
            country: group.country,
            latitude: group.latitude,
            longitude: group.longitude,
          }
        : null,
    capacity: group.capacity,
    memberCount: group.memberCount,
    seatsLeft: Math.max(0, group.capacity - group.memberCount),
    waitlistLength,
    signupOpen: group.signupOpen,
    visibility: group.visibility,
    signupQuestions: group.signupQuestions,
    reminderOffsetsMinutes: group.reminderOffsetsMinutes,
    facilitators: active
      .filter((m) => FACILITATING.has(m.role))
      .map((m) => ({ userId: m.userId, displayName: m.displayName, role: m.role })),
    createdAt: timeInZones(group.createdAt, viewer, group.timeZone),
  };
}

export function toOwnMembership(own: OwnMembershipRecord, viewer: ViewerClock, groupZone: string): OwnMembership {
  return {
    role: own.role,
    status: own.status,
    waitlistPosition: own.waitlistPosition,
    joinedAt: timeInZones(own.joinedAt, viewer, groupZone),
    waitlistedAt: own.waitlistedAt ? timeInZones(own.waitlistedAt, viewer, groupZone) : null,
  };
}
