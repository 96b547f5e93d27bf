import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { PeerReviewSettings } from './peer-review-settings.entity';

export interface PeerReviewSettingsView {
  cohortId: string;
  lateSubmissions: boolean;
  reviewWindowDays: number;
}

export const REVIEW_WINDOW_DAYS_DEFAULT = 3;

/** A cohort's peer-review settings: read (defaults when never set) and replaced by facilitators. */
@Injectable()
export class PeerReviewSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<PeerReviewSettingsView> {
    const row = await manager.findOneBy(PeerReviewSettings, { cohortId });
    return {
      cohortId,
      lateSubmissions: row?.lateSubmissions ?? false,
      reviewWindowDays: row?.reviewWindowDays ?? REVIEW_WINDOW_DAYS_DEFAULT,
    };
  }

  async put(cohortId: string, settings: Omit<PeerReviewSettingsView, 'cohortId'>): Promise<PeerReviewSettingsView> {
    await this.dataSource.manager.upsert(PeerReviewSettings, { cohortId, ...settings, updatedAt: this.clock.now() }, [
      'cohortId',
    ]);
    return this.get(cohortId);
  }
}
