import type { ExplainedGroup } from './group-explanation';
import type { MoveRequestRecord, UnplacedLearnerRecord } from './grouping.repository';

/** The facilitator's picture of a cohort's grouping. */
export interface GroupingOverview {
  /** The week whose zone offsets the windows use (the cohort's start, or today's week once it has started). */
  weekOf: string;
  minSize: number | null;
  maxSize: number | null;
  groupsFormedAt: Date | null;
  groups: ExplainedGroup[];
  /** Learners who opted in and are in no group. */
  unplaced: UnplacedLearnerRecord[];
  moveRequests: MoveRequestRecord[];
}

/** A learner's own grouping: their choice, their pending move request, their group explained. */
export interface MyGrouping {
  weekOf: string;
  groupingOptIn: boolean;
  moveRequestedAt: Date | null;
  group: ExplainedGroup | null;
}

/** What one "form groups" run did, and the cohort's grouping after it. */
export interface FormationResult extends GroupingOverview {
  formedGroupIds: string[];
  unplacedUserIds: string[];
}
