import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { GROUP_READ_VIEWS, GroupEvent } from '@app/groups';
import { BadgeEvent } from '../badges.events';
import { domainEvents, RuleAwards, ruleSetAchievements, type RuleMatch } from './rule-awards';

/**
 * `meetings-attended`: when attendance is recorded, the people named are counted again — meetings held (not
 * cancelled) of the group that they attended as recorded now — against the group's achievements with that rule.
 * An achievement given the rule later is evaluated for everyone. A correction that lowers a count does not take
 * a badge back (a facilitator revokes).
 */
@Injectable()
export class MeetingsAttendedRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-meetings-attended';
  readonly handles = [GroupEvent.AttendanceRecorded, BadgeEvent.RuleSet];

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly awards: RuleAwards,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const pairs = new Map<string, readonly [string, string]>();
    for (const event of domainEvents(events)) {
      const p = event.payload as Partial<Record<string, unknown>>;
      if (typeof p.groupId !== 'string' || !Array.isArray(p.userIds)) continue;
      for (const userId of p.userIds) {
        if (typeof userId === 'string') pairs.set(`${p.groupId}:${userId}`, [p.groupId, userId]);
      }
    }
    const ruleSet = ruleSetAchievements(events);
    if (pairs.size === 0 && ruleSet.length === 0) return;
    const list = [...pairs.values()];
    // People named by events, against their group's achievements; achievements whose rule was set, against all.
    const matches = await manager.query<RuleMatch[]>(
      `WITH candidates AS (
              SELECT a.id AS achievement_id, e.group_id, e.user_id
                FROM unnest($1::uuid[], $2::uuid[]) AS e(group_id, user_id)
                JOIN badge_achievements a ON a.scope_type = 'group' AND a.scope_id = e.group_id
               WHERE a.archived_at IS NULL AND a.rule->>'kind' = 'meetings-attended'
              UNION
              SELECT a.id, h.group_id, t.user_id
                FROM badge_achievements a
                JOIN ${GROUP_READ_VIEWS.meetingsHeld} h ON h.group_id = a.scope_id
                JOIN ${GROUP_READ_VIEWS.meetingAttendance} t ON t.meeting_id = h.meeting_id AND t.attended
               WHERE a.id = ANY($3::uuid[]) AND a.scope_type = 'group' AND a.archived_at IS NULL
                 AND a.rule->>'kind' = 'meetings-attended')
       SELECT c.achievement_id AS "achievementId", c.user_id AS "userId"
         FROM candidates c
         JOIN badge_achievements a ON a.id = c.achievement_id
         JOIN ${GROUP_READ_VIEWS.meetingsHeld} h ON h.group_id = c.group_id
         JOIN ${GROUP_READ_VIEWS.meetingAttendance} t
           ON t.meeting_id = h.meeting_id AND t.user_id = c.user_id AND t.attended
        GROUP BY c.achievement_id, c.user_id, a.rule
       HAVING count(*) >= (a.rule->>'count')::int`,
      [list.map((p) => p[0]), list.map((p) => p[1]), ruleSet],
    );
    await this.awards.issue(manager, 'meetings-attended', matches);
  }
}
