import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { GROUP_READ_VIEWS, GroupEvent } from '@app/groups';
import { RuleAwards, type RuleMatch } from './rule-awards';

/**
 * `meetings-attended`: when attendance is recorded, the people named are counted again — meetings held (not
 * cancelled) of the group that they attended as recorded now — against the group's achievements with that rule.
 * A correction that lowers a count does not take a badge back (a facilitator revokes).
 */
@Injectable()
export class MeetingsAttendedRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-meetings-attended';
  readonly handles = [GroupEvent.AttendanceRecorded];

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly awards: RuleAwards,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const pairs = new Map<string, readonly [string, string]>();
    for (const event of events) {
      const p = event.payload as Partial<Record<string, unknown>>;
      if (typeof p.groupId !== 'string' || !Array.isArray(p.userIds)) continue;
      for (const userId of p.userIds) {
        if (typeof userId === 'string') pairs.set(`${p.groupId}:${userId}`, [p.groupId, userId]);
      }
    }
    if (pairs.size === 0) return;
    const list = [...pairs.values()];
    const matches = await manager.query<RuleMatch[]>(
      `WITH people AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS e(group_id, user_id)),
            attended AS (
              SELECT p.group_id, p.user_id, count(*)::int AS meetings
                FROM people p
                JOIN ${GROUP_READ_VIEWS.meetingsHeld} h ON h.group_id = p.group_id
                JOIN ${GROUP_READ_VIEWS.meetingAttendance} t
                  ON t.meeting_id = h.meeting_id AND t.user_id = p.user_id AND t.attended
               GROUP BY p.group_id, p.user_id)
       SELECT a.id AS "achievementId", t.user_id AS "userId"
         FROM attended t
         JOIN badge_achievements a ON a.scope_type = 'group' AND a.scope_id = t.group_id
        WHERE a.archived_at IS NULL AND a.rule->>'kind' = 'meetings-attended'
          AND t.meetings >= (a.rule->>'count')::int`,
      [list.map((p) => p[0]), list.map((p) => p[1])],
    );
    await this.awards.issue(manager, 'meetings-attended', matches);
  }
}
