import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@app/courses';
import { GroupsModule } from '@app/groups';
import { IdentityModule } from '@app/identity';
import { MailModule } from '@app/mail';
import { CohortAccessRepository } from './access/cohort-access.repository';
import { CohortPolicy } from './access/cohort.policy';
import { CohortActivity } from './activity/cohort-activity';
import { Announcement } from './announcements/announcement.entity';
import { CohortMember } from './cohorts/cohort-member.entity';
import { Cohort } from './cohorts/cohort.entity';
import { DashboardColumnRegistry } from './dashboard/dashboard-column.registry';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { FacilitatorDashboard } from './dashboard/facilitator-dashboard.service';
import { DiscussionPost } from './discussions/discussion-post.entity';
import { DiscussionThread } from './discussions/discussion-thread.entity';
import { CohortGroup } from './grouping/cohort-group.entity';
import { ScheduledModule } from './schedule/scheduled-module.entity';
import { DeadlineExtension } from './schedule/deadline-extension.entity';
import { ModuleCompletion } from './schedule/module-completion.entity';
import { ENROLLMENT_PROVIDERS } from './enrollment/enrollment.providers';
import { DISCUSSION_EXPORTS, DISCUSSION_PROVIDERS } from './discussions/discussions.providers';
import { ANNOUNCEMENT_EXPORTS, ANNOUNCEMENT_PROVIDERS } from './announcements/announcements.providers';
import { GROUPING_EXPORTS, GROUPING_PROVIDERS } from './grouping/grouping.providers';
import { COHORT_EXPORTS, COHORT_PROVIDERS } from './cohorts/cohorts.providers';

/** Cohorts: a course version run together, its calendar, enrollment, grouping, conversation and facilitation. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Cohort,
      CohortMember,
      ScheduledModule,
      DeadlineExtension,
      ModuleCompletion,
      CohortGroup,
      DiscussionThread,
      DiscussionPost,
      Announcement,
    ]),
    CoursesModule,
    GroupsModule,
    IdentityModule,
    MailModule,
  ],
  providers: [
    CohortAccessRepository,
    CohortPolicy,
    CohortActivity,
    ...ENROLLMENT_PROVIDERS,
    DashboardColumnRegistry,
    DashboardRepository,
    FacilitatorDashboard,
    ...DISCUSSION_PROVIDERS,
    ...ANNOUNCEMENT_PROVIDERS,
    ...GROUPING_PROVIDERS,
    ...COHORT_PROVIDERS,
  ],
  exports: [
    CohortAccessRepository,
    CohortPolicy,
    CohortActivity,
    ...ENROLLMENT_PROVIDERS,
    DashboardColumnRegistry,
    FacilitatorDashboard,
    ...DISCUSSION_EXPORTS,
    ...ANNOUNCEMENT_EXPORTS,
    ...GROUPING_EXPORTS,
    ...COHORT_EXPORTS,
  ],
})
export class CohortsModule {}
