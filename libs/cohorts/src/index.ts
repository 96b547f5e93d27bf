export { formGroups, MIN_COMMON_MINUTES, SUGGESTED_MEETING_MINUTES } from './grouping/form-groups';
export { naiveGrouping } from './grouping/naive-grouping';
export { placeLearner, type Placement, type PlacementCandidate } from './grouping/place-learner';
export { CohortGroupsQuery } from './grouping/cohort-groups.query';
export {
  FormCohortGroupsUseCase,
  GROUP_SIZE_MAX,
  GROUP_SIZE_MIN,
  type GroupSizes,
} from './grouping/form-cohort-groups.use-case';
export { GroupingPreferenceUseCase } from './grouping/grouping-preference.use-case';
export { GroupMovesUseCase, type MoveInput } from './grouping/group-moves.use-case';
export type { ExplainedGroup, ExplainedMember } from './grouping/group-explanation';
export type { WeeklyWindow } from './grouping/weekly-windows';
export type { FormationResult, GroupingOverview, MyGrouping } from './grouping/grouping.views';
export type { MoveRequestRecord, UnplacedLearnerRecord } from './grouping/grouping.repository';
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
export { CohortReader, inviteLink } from './cohorts/cohort-reader.service';
export { CreateCohortUseCase } from './cohorts/create-cohort.use-case';
export { MyCohortsQuery, type MyCohort } from './cohorts/my-cohorts.query';
export { UpdateCohortUseCase } from './cohorts/update-cohort.use-case';
export { COHORT_LIMITS, type CohortChanges, type CohortDraft, type ModuleScheduleInput } from './cohorts/cohort-input';
export type {
  CalendarEntry,
  CohortDetail,
  CohortForFacilitators,
  CohortInstant,
  CohortMembershipView,
} from './cohorts/cohort-views';
export { DeadlineExtensionsService } from './schedule/deadline-extensions.service';
export { LearnerProgressService } from './progress/learner-progress.service';
export { LearnerModuleDatesReader, type LearnerModuleDates } from './progress/learner-module-dates';
export { CompleteModuleUseCase } from './progress/complete-module.use-case';
export type { LearnerInstant, LearnerProgress, ModuleProgress, NextDue } from './progress/learner-progress';
export {
  decideCompletion,
  type CompletionCounts,
  type CompletionDecision,
  type CompletionRuleName,
  type CompletionRules,
} from './completion/completion-rules';
export { CompletionEvaluator } from './completion/completion.evaluator';
export { DiscussionReader } from './discussions/discussion-reader.service';
export { DiscussionWriter } from './discussions/discussion-writer.service';
export {
  DISCUSSION_LIMITS,
  type AuthorView,
  type NewThread,
  type PostView,
  type ThreadChanges,
  type ThreadView,
  type ThreadWithPosts,
} from './discussions/discussion-views';
export {
  AnnouncementsService,
  type NewAnnouncement,
  type PublishedAnnouncement,
} from './announcements/announcements.service';
export type { AnnouncementView } from './announcements/announcement.repository';
export { AnnouncementRecipients, type AnnouncementRecipientCount } from './announcements/announcement-recipients';
export { EnrollUseCase } from './enrollment/enroll.use-case';
export { WithdrawUseCase } from './enrollment/withdraw.use-case';
export { EnrollmentRequestsUseCase } from './enrollment/enrollment-requests.use-case';
export { CohortInvitationsService } from './enrollment/cohort-invitations.service';
export { CohortFacilitatorsUseCase } from './enrollment/cohort-facilitators.use-case';
export { CohortRosterQuery } from './enrollment/roster.query';
export type {
  EnrollmentRecord,
  InvitationRecord,
  PendingRequestRecord,
  RosterRecord,
} from './enrollment/enrollment.repository';
export { FacilitatorDashboard } from './dashboard/facilitator-dashboard.service';
export { DASHBOARD_LEARNERS_SQL, dashboardLearnersSql } from './dashboard/dashboard.repository';
export { DashboardColumnRegistry } from './dashboard/dashboard-column.registry';
export { AtRiskFlag, FLAG_PARAMS, flagOfParam, flagParam } from './dashboard/at-risk-flag';
export {
  DASHBOARD_COLUMNS,
  type AtRiskRule,
  type ColumnKey,
  type ComputedDashboardColumn,
  type ContributedDashboardColumn,
  type DashboardColumn,
} from './dashboard/dashboard-columns';
export {
  DASHBOARD_SORTS,
  PROGRESS_KEYS,
  type Dashboard,
  type DashboardQuery,
  type DashboardMetrics,
  type DashboardRow,
  type DashboardSort,
  type DashboardSummary,
  type FlagFilter,
  type MetricKey,
  type SortOrder,
} from './dashboard/dashboard.types';
export { COHORT_READ_VIEWS } from './cohort-read-views';
export { CohortEvent, DiscussionEvent } from './cohorts.events';
