import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import type { GroupMode, GroupVisibility } from '../study-group.entity';
import { GroupMember, GroupRole, MembershipStatus } from './group-member.entity';

/** A person in a group with what the roster shows of them. */
export interface MemberRecord {
  userId: string;
  displayName: string;
  email: string | null;
  role: GroupRole;
  status: MembershipStatus;
  joinedAt: Date;
  waitlistedAt: Date | null;
  signupAnswers: Record<string, string>;
}

export interface OwnMembershipRecord {
  role: GroupRole;
  status: MembershipStatus;
  joinedAt: Date;
  waitlistedAt: Date | null;
  /** 1 = next to get a seat; null when active. */
  waitlistPosition: number | null;
}

export interface MyGroupRecord extends OwnMembershipRecord {
  groupId: string;
  name: string;
  topic: string | null;
  courseVersionId: string | null;
  language: string;
  timeZone: string;
  mode: GroupMode;
  city: string | null;
  country: string | null;
  capacity: number;
  memberCount: number;
  signupOpen: boolean;
  visibility: GroupVisibility;
  /** The start of the group's next scheduled meeting after `now`, if any. */
  nextMeetingAt: Date | null;
}

export interface ExportedMembership extends OwnMembershipRecord {
  groupId: string;
  groupName: string;
  signupAnswers: Record<string, string>;
  signupQuestions: { id: string; prompt: string }[];
}

/** Facilitators first, then by seniority: the order rosters are shown in. */
const ROLE_RANK = `CASE m.role WHEN 'facilitator' THEN 0 WHEN 'co-facilitator' THEN 1 ELSE 2 END`;

/** The waitlist order: who signed up first (microseconds, made strictly increasing on insert), then the id. */
const WAITLIST_ORDER = 'm.waitlisted_at, m.user_id';

const POSITION = `CASE WHEN m.status = 'waitlisted' THEN (
    SELECT count(*)::int FROM group_members w
     WHERE w.group_id = m.group_id AND w.status = 'waitlisted'
       AND (w.waitlisted_at, w.user_id) <= (m.waitlisted_at, m.user_id)
  ) END`;

const MEMBER_COLUMNS = `m.user_id AS "userId", u.display_name AS "displayName", u.email, m.role, m.status,
  m.joined_at AS "joinedAt", m.waitlisted_at AS "waitlistedAt", m.signup_answers AS "signupAnswers"`;

/** Queries about who is in which group, and on which waitlist. Writers hold the group's row lock. */
@Injectable()
export class GroupMemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(manager: EntityManager, groupId: string, userId: string): Promise<GroupMember | null> {
    return manager.findOne(GroupMember, { where: { groupId, userId } });
  }

  async insertActive(
    manager: EntityManager,
    row: { groupId: string; userId: string; role: GroupRole; signupAnswers: Record<string, string>; now: Date },
  ): Promise<void> {
    await manager.insert(GroupMember, {
      groupId: row.groupId,
      userId: row.userId,
      role: row.role,
      status: MembershipStatus.Active,
      signupAnswers: row.signupAnswers,
      waitlistedAt: null,
      joinedAt: row.now,
    });
  }

  /** Active members of several groups in one statement. */
  async insertActiveMany(
    manager: EntityManager,
    rows: readonly { groupId: string; userId: string }[],
    now: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO group_members (group_id, user_id, role, status, joined_at)
       SELECT t.group_id, t.user_id, 'member', 'active', $3 FROM unnest($1::uuid[], $2::uuid[]) AS t(group_id, user_id)`,
      [rows.map((r) => r.groupId), rows.map((r) => r.userId), now],
    );
  }

  /** A person's rows among `groupIds` (active or waitlisted), in group order. */
  membershipsAmong(
    manager: EntityManager,
    groupIds: readonly string[],
    userId: string,
  ): Promise<{ groupId: string; userId: string; status: MembershipStatus }[]> {
    if (groupIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT group_id AS "groupId", user_id AS "userId", status FROM group_members
        WHERE group_id = ANY($1::uuid[]) AND user_id = $2 ORDER BY group_id`,
      [[...groupIds], userId],
    );
  }

  /**
   * Puts a person at the end of the waitlist. A stopped or coarse clock could give two people the same instant,
   * so the place is max(now, last place + 1 µs): the order is the order the group's lock was taken in.
   */
  async insertWaitlisted(
    manager: EntityManager,
    row: { groupId: string; userId: string; signupAnswers: Record<string, string>; now: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO group_members (group_id, user_id, role, status, signup_answers, waitlisted_at, joined_at)
       VALUES ($1, $2, 'member', 'waitlisted', $3::jsonb, GREATEST($4::timestamptz, (
         SELECT max(waitlisted_at) + interval '1 microsecond' FROM group_members
          WHERE group_id = $1 AND status = 'waitlisted')), $4::timestamptz)`,
      [row.groupId, row.userId, JSON.stringify(row.signupAnswers), row.now],
    );
  }

  async ownMembership(
    manager: EntityManager | undefined,
    groupId: string,
    userId: string,
  ): Promise<OwnMembershipRecord | null> {
    const rows = await (manager ?? this.dataSource.manager).query<OwnMembershipRecord[]>(
      `SELECT m.role, m.status, m.joined_at AS "joinedAt", m.waitlisted_at AS "waitlistedAt",
              ${POSITION} AS "waitlistPosition"
         FROM group_members m WHERE m.group_id = $1 AND m.user_id = $2`,
      [groupId, userId],
    );
    return rows[0] ?? null;
  }

  /** The next `count` people of the waitlist, in order. */
  async nextWaitlisted(manager: EntityManager, groupId: string, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT m.user_id FROM group_members m WHERE m.group_id = $1 AND m.status = 'waitlisted'
        ORDER BY ${WAITLIST_ORDER} LIMIT $2`,
      [groupId, count],
    );
    return rows.map((r) => r.user_id);
  }

  async activate(manager: EntityManager, groupId: string, userIds: string[], now: Date): Promise<void> {
    await manager.query(
      `UPDATE group_members SET status = 'active', waitlisted_at = NULL, joined_at = $3
        WHERE group_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'waitlisted'`,
      [groupId, userIds, now],
    );
  }

  async remove(manager: EntityManager, groupId: string, userId: string): Promise<void> {
    await manager.delete(GroupMember, { groupId, userId });
  }

  async setRole(manager: EntityManager, groupId: string, userId: string, role: GroupRole): Promise<void> {
    await manager.update(GroupMember, { groupId, userId }, { role });
  }

  async countActiveFacilitators(manager: EntityManager, groupId: string): Promise<number> {
    return manager.count(GroupMember, {
      where: { groupId, role: GroupRole.Facilitator, status: MembershipStatus.Active },
    });
  }

  /** Who takes over a group whose last facilitator is erased: the senior co-facilitator, else the senior member. */
  async successor(manager: EntityManager, groupId: string, leaving: string): Promise<string | null> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT m.user_id FROM group_members m
        WHERE m.group_id = $1 AND m.status = 'active' AND m.user_id <> $2
        ORDER BY ${ROLE_RANK}, m.joined_at, m.user_id LIMIT 1`,
      [groupId, leaving],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Drops answers to questions the group no longer asks. */
  async dropAnswers(manager: EntityManager, groupId: string, questionIds: string[]): Promise<void> {
    if (questionIds.length === 0) return;
    await manager.query(
      `UPDATE group_members SET signup_answers = signup_answers - $2::text[]
        WHERE group_id = $1 AND signup_answers ?| $2::text[]`,
      [groupId, questionIds],
    );
  }

  /** Active members, facilitators first (at most `capacity`, which is at most 500). */
  activeMembers(groupId: string): Promise<MemberRecord[]> {
    return this.dataSource.query<MemberRecord[]>(
      `SELECT ${MEMBER_COLUMNS} FROM group_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.group_id = $1 AND m.status = 'active'
        ORDER BY ${ROLE_RANK}, m.joined_at, m.user_id`,
      [groupId],
    );
  }

  /** The head of the waitlist, in order, and its full length. */
  async waitlist(groupId: string, limit: number): Promise<{ head: MemberRecord[]; length: number }> {
    const head = await this.dataSource.query<MemberRecord[]>(
      `SELECT ${MEMBER_COLUMNS} FROM group_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.group_id = $1 AND m.status = 'waitlisted'
        ORDER BY ${WAITLIST_ORDER} LIMIT $2`,
      [groupId, limit],
    );
    return { head, length: head.length < limit ? head.length : await this.waitlistLength(groupId) };
  }

  async waitlistLength(groupId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND status = 'waitlisted'`,
      [groupId],
    );
    return rows[0]?.n ?? 0;
  }

  /** A person's groups and waitlist places, newest first, one keyset page. */
  async pageOfUser(userId: string, now: Date, limit: number, cursor?: string): Promise<Page<MyGroupRecord>> {
    const params: unknown[] = [userId, limit + 1, now];
    let after = '';
    if (cursor) {
      const position = decodeCursor(cursor);
      params.push(position.after, position.id);
      after = 'AND (m.joined_at, m.group_id) < ($4::timestamptz, $5::uuid)';
    }
    const rows = await this.dataSource.query<(MyGroupRecord & { cursorAt: string })[]>(
      `SELECT m.group_id AS "groupId", m.role, m.status, m.joined_at AS "joinedAt", m.joined_at::text AS "cursorAt",
              m.waitlisted_at AS "waitlistedAt", ${POSITION} AS "waitlistPosition",
              g.name, g.topic, g.course_version_id AS "courseVersionId", g.language, g.time_zone AS "timeZone",
              g.mode, g.city, g.country, g.capacity, g.member_count AS "memberCount", g.signup_open AS "signupOpen",
              g.visibility,
              (SELECT min(x.starts_at) FROM meetings x
                WHERE x.group_id = g.id AND x.status = 'scheduled' AND x.starts_at > $3) AS "nextMeetingAt"
         FROM group_members m JOIN study_groups g ON g.id = m.group_id
        WHERE m.user_id = $1 ${after}
        ORDER BY m.joined_at DESC, m.group_id DESC
        LIMIT $2`,
      params,
    );
    // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
    return toPage(rows, limit, (r) => ({ after: r.cursorAt, id: r.groupId }));
  }

  /** Everything about a person's memberships, for their data export. */
  exportOfUser(manager: EntityManager, userId: string): Promise<ExportedMembership[]> {
    return manager.query<ExportedMembership[]>(
      `SELECT m.group_id AS "groupId", g.name AS "groupName", m.role, m.status, m.joined_at AS "joinedAt",
              m.waitlisted_at AS "waitlistedAt", ${POSITION} AS "waitlistPosition",
              m.signup_answers AS "signupAnswers", g.signup_questions AS "signupQuestions"
         FROM group_members m JOIN study_groups g ON g.id = m.group_id
        WHERE m.user_id = $1 ORDER BY m.joined_at, m.group_id`,
      [userId],
    );
  }

  async groupIdsOfUser(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await manager.query<{ group_id: string }[]>(
      'SELECT group_id FROM group_members WHERE user_id = $1 ORDER BY group_id',
      [userId],
    );
    return rows.map((r) => r.group_id);
  }
}
