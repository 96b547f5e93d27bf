import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { PeerReviewSettings } from './peer-review-settings.entity';

export interface PeerReviewSettingsView {
  cohortId: string;
  lateSubmissions: boolean;
  reviewWindowDays: number;
  /** Reviewers never get work by a member of their own cohort group. */
  excludeOwnGroup: boolean;
}

/** What a facilitator puts: the options left out keep their current value. */
export type PeerReviewSettingsInput = Omit<PeerReviewSettingsView, 'cohortId' | 'excludeOwnGroup'> &
  Partial<Pick<PeerReviewSettingsView, 'excludeOwnGroup'>>;

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
      excludeOwnGroup: row?.excludeOwnGroup ?? false,
    };
  }

  /**
   * Replaces the settings. An option a client leaves out (one added after it was written) keeps its value rather
   * than falling back to its default behind the facilitator's back.
   */
  async put(cohortId: string, settings: PeerReviewSettingsInput): Promise<PeerReviewSettingsView> {
    const excludeOwnGroup = settings.excludeOwnGroup ?? (await this.get(cohortId)).excludeOwnGroup;
    await this.dataSource.manager.upsert(
      PeerReviewSettings,
      {
        cohortId,
        lateSubmissions: settings.lateSubmissions,
        reviewWindowDays: settings.reviewWindowDays,
        excludeOwnGroup,
        updatedAt: this.clock.now(),
      },
      ['cohortId'],
    );
    return this.get(cohortId);
  }
}
