import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, ResourceNotFoundError, type Actor } from '@app/core';
import { MeetingRepository } from '../meetings/meeting.repository';
import { MeetingsError, MeetingsErrorCode } from '../meetings/meetings.errors';
import { FeedOwner } from './calendar-feed.entity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { renderFeed } from './ical-feed';

/** How far back a feed reaches: subscribed calendars drop what a feed stops listing, so keep a year of history. */
const HISTORY_MS = 365 * 24 * 3600 * 1000;
/** 32 random bytes, base64url. Anything else cannot be one of ours. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Subscribable calendar links. Calendar apps cannot log in, so a link carries a random secret; we keep only
 * its SHA-256. Each person holds at most one live link per feed: asking for a new one revokes the old.
 *
 * - A group feed lists one group's meetings. Any active member may make one (their own link); it stops working
 *   when its maker is no longer an active member, and facilitators may revoke every link of the group at once.
 * - A personal feed lists the meetings of every group the person is in (waiting lists included), with meeting
 *   links only where they are an active member.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly feeds: CalendarFeedRepository,
    private readonly meetings: MeetingRepository,
  ) {}

  /** Returns the secret: shown once, never stored. */
  async createGroupFeed(actor: Actor, groupId: string): Promise<string> {
    // Platform admins may look at any group, but a feed link belongs to a member.
    if (!(await this.feeds.isActiveMember(groupId, actor.userId)))
      throw new MeetingsError(MeetingsErrorCode.NotAMember);
    return this.replace(FeedOwner.Group, groupId, actor.userId);
  }

  async revokeGroupFeed(actor: Actor, groupId: string): Promise<void> {
    await this.feeds.revoke(
      this.dataSource.manager,
      { type: FeedOwner.Group, id: groupId, createdBy: actor.userId },
      this.clock.now(),
    );
  }

  /** Cuts off every subscriber of the group's links, e.g. after one leaked. Returns how many links were live. */
  revokeAllGroupFeeds(groupId: string): Promise<number> {
    return this.feeds.revoke(this.dataSource.manager, { type: FeedOwner.Group, id: groupId }, this.clock.now());
  }

  createPersonalFeed(actor: Actor): Promise<string> {
    return this.replace(FeedOwner.User, actor.userId, actor.userId);
  }

  async revokePersonalFeed(actor: Actor): Promise<void> {
    await this.feeds.revoke(this.dataSource.manager, { type: FeedOwner.User, id: actor.userId }, this.clock.now());
  }

  /** The feed behind a secret, as iCalendar text. Unknown, revoked and orphaned links are all simply not found. */
  async render(token: string): Promise<string> {
    const feed = TOKEN_PATTERN.test(token) ? await this.feeds.findUsableByHash(hashToken(token)) : null;
    if (!feed) throw new ResourceNotFoundError('calendar_feed');
    const since = new Date(this.clock.now().getTime() - HISTORY_MS);
    const publicUrl = this.config.PUBLIC_URL;
    switch (feed.ownerType) {
      case FeedOwner.Group: {
        const group = await this.meetings.groupFacts(feed.ownerId);
        if (!group || !(await this.feeds.isActiveMember(feed.ownerId, feed.createdBy))) {
          throw new ResourceNotFoundError('calendar_feed');
        }
        const meetings = await this.feeds.groupMeetings(feed.ownerId, feed.createdBy, since);
        return renderFeed({ name: group.name, publicUrl, meetings });
      }
      case FeedOwner.User: {
        if (!(await this.feeds.isLiveUser(feed.ownerId))) throw new ResourceNotFoundError('calendar_feed');
        const meetings = await this.feeds.personalMeetings(feed.ownerId, since);
        return renderFeed({ name: 'Commonplace: my meetings', publicUrl, meetings });
      }
    }
  }

  private async replace(ownerType: FeedOwner, ownerId: string, createdBy: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.feeds.lockOwner(manager, ownerType, ownerId, createdBy);
      await this.feeds.revoke(manager, { type: ownerType, id: ownerId, createdBy }, now);
      await this.feeds.insert(manager, { ownerType, ownerId, createdBy, tokenHash: hashToken(token), createdAt: now });
    });
    return token;
  }
}
