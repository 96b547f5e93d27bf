import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { CalendarFeed, type FeedOwner } from './calendar-feed.entity';
import type { FeedMeeting } from './ical-feed';

/** Most meetings one feed lists (a year back and everything ahead is far fewer for any real group). */
export const FEED_MEETING_LIMIT = 2000;

const FEED_SELECT = `
  SELECT m.id, m.group_id AS "groupId", g.name AS "groupName", m.title, m.status, m.starts_at AS "startsAt",
         m.duration_minutes AS "durationMinutes", m.time_zone AS "timeZone", m.sequence,
         m.created_at AS "createdAt", m.updated_at AS "updatedAt",
         CASE WHEN gm.status = 'active' THEN g.meeting_link END AS "meetingLink",
         nullif(concat_ws(', ', g.venue, g.city), '') AS "venue"
    FROM meetings m
    JOIN study_groups g ON g.id = m.group_id
    JOIN group_members gm ON gm.group_id = m.group_id AND gm.user_id = $1`;

/** Calendar feed links (by the SHA-256 of their secret) and the meetings each lists. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  findUsableByHash(tokenHash: Buffer): Promise<CalendarFeed | null> {
    return this.dataSource.manager.findOne(CalendarFeed, { where: { tokenHash, revokedAt: IsNull() } });
  }

  async insert(
    manager: EntityManager,
    feed: Pick<CalendarFeed, 'ownerType' | 'ownerId' | 'createdBy' | 'tokenHash' | 'createdAt'>,
  ): Promise<void> {
    await manager.insert(CalendarFeed, feed);
  }

  /** Revokes the feeds of one owner, or only those one person made; returns how many were live. */
  async revoke(
    manager: EntityManager,
    owner: { type: FeedOwner; id: string; createdBy?: string },
    at: Date,
  ): Promise<number> {
    const result = await manager.update(
      CalendarFeed,
      {
        ownerType: owner.type,
        ownerId: owner.id,
        ...(owner.createdBy ? { createdBy: owner.createdBy } : {}),
        revokedAt: IsNull(),
      },
      { revokedAt: at },
    );
    return result.affected ?? 0;
  }

  /** Serializes link changes of one owner and maker, so two requests cannot leave two live links. */
  async lockOwner(manager: EntityManager, ownerType: FeedOwner, ownerId: string, createdBy: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `calendar-feed:${ownerType}:${ownerId}:${createdBy}`,
    ]);
  }

  /** Whether a person may still hold a group's feed: an active member of it, with a live account. */
  async isActiveMember(groupId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM group_members gm JOIN identity_people u ON u.id = gm.user_id
        WHERE gm.group_id = $1 AND gm.user_id = $2 AND gm.status = 'active' AND u.deleted_at IS NULL`,
      [groupId, userId],
    );
    return rows.length > 0;
  }

  async isLiveUser(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM identity_people WHERE id = $1 AND deleted_at IS NULL`,
      [userId],
    );
    return rows.length > 0;
  }

  /** One group's meetings from `since` on, as `memberId` (an active member) sees them. */
  groupMeetings(groupId: string, memberId: string, since: Date): Promise<FeedMeeting[]> {
    return this.dataSource.query<FeedMeeting[]>(
      `${FEED_SELECT} WHERE m.group_id = $2 AND m.starts_at >= $3 ORDER BY m.starts_at, m.id LIMIT ${FEED_MEETING_LIMIT}`,
      [memberId, groupId, since],
    );
  }

  /**
   * The meetings of every group a person belongs to (active, or waiting for a seat) from `since` on. Meeting
   * links only where they are an active member; an in-person group's venue is public anyway.
   */
  personalMeetings(userId: string, since: Date): Promise<FeedMeeting[]> {
    return this.dataSource.query<FeedMeeting[]>(
      `${FEED_SELECT} WHERE m.starts_at >= $2 ORDER BY m.starts_at, m.id LIMIT ${FEED_MEETING_LIMIT}`,
      [userId, since],
    );
  }
}
