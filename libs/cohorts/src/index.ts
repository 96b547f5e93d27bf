export { formGroups, MIN_COMMON_MINUTES, SUGGESTED_MEETING_MINUTES } from './grouping/form-groups';
export { naiveGrouping } from './grouping/naive-grouping';
export type {
  FormedGroup,
  GroupingLearner,
  GroupingOptions,
  GroupingResult,
  UnplacedLearner,
} from './grouping/grouping.types';
export { Cohort, DeadlineMode, EnrollmentMode } from './cohorts/cohort.entity';
export { CohortMember, CohortRole, EnrollmentStatus } from './cohorts/cohort-member.entity';
export { ScheduledModule } from './schedule/scheduled-module.entity';
export { DeadlineExtension } from './schedule/deadline-extension.entity';
export { ModuleCompletion } from './schedule/module-completion.entity';
export { CohortGroup } from './grouping/cohort-group.entity';
export { DiscussionThread } from './discussions/discussion-thread.entity';
export { DiscussionPost } from './discussions/discussion-post.entity';
export { Announcement } from './announcements/announcement.entity';
export { CohortAccessRepository, type CohortAccess } from './access/cohort-access.repository';
export { CohortPolicy, CohortAction, decideCohortAction } from './access/cohort.policy';
export { CohortsError, CohortsErrorCode } from './cohorts.errors';
export { CohortsModule } from './cohorts.module';
export {
  CohortCalendar,
  DUE_LOCAL_TIME,
  RELEASE_LOCAL_TIME,
  type CohortTimes,
  type ModuleDates,
  type ModuleOffsets,
} from './schedule/cohort-calendar';
export { CohortActivity } from './activity/cohort-activity';
