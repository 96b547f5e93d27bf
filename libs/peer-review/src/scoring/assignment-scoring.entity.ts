import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { AggregationMethod } from '../aggregation/aggregation.types';

export const DEFAULT_AGGREGATION_METHOD: AggregationMethod = 'model';

/**
 * How one assignment is scored in one cohort, and whether facilitators released the scores early. A pair without a
 * row has the defaults: the reviewer model, not released.
 */
@Entity('peer_review_assignment_settings')
@Check('peer_review_assignment_settings_method', `"aggregation_method" IN ('mean', 'median', 'model')`)
export class AssignmentScoring {
  @PrimaryColumn({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  @Column({ type: 'text', name: 'aggregation_method', default: 'model' })
  aggregationMethod!: AggregationMethod;

  /** Set when a facilitator releases every learner's reviews and score, whatever each has given. */
  @Column({ type: 'timestamptz', name: 'released_at', nullable: true })
  releasedAt!: Date | null;

  @Column({ type: 'uuid', name: 'released_by', nullable: true })
  releasedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
