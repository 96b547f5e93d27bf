import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { MeetingRepository } from './meeting.repository';

/** How far back a run looks; runs are hourly, so overlapping windows make a missed run harmless. */
export const REFRESH_LOOKBACK_MS = 3 * 3600 * 1000;

/**
 * A group's discovery summary lists its upcoming meetings. Meeting changes refresh it at once; time passing does
 * not, so this refreshes every group one of whose meetings has begun since the last runs.
 */
@Injectable()
export class DiscoverySummaryRefresher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly meetings: MeetingRepository,
  ) {}

  async refreshGroupsWithPassedMeetings(): Promise<{ groups: number }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - REFRESH_LOOKBACK_MS);
    const rows = await this.dataSource.query<{ group_id: string }[]>(
      `SELECT DISTINCT group_id FROM meetings WHERE status = 'scheduled' AND starts_at > $1 AND starts_at <= $2`,
      [since, now],
    );
    // One short transaction per group: no long lock across the whole batch.
    for (const { group_id } of rows) {
      await this.dataSource.transaction((manager) => this.meetings.refreshDiscoverySummary(manager, group_id, now));
    }
    return { groups: rows.length };
  }
}
