import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursesModule } from '@app/courses';
import { GroupsModule } from '@app/groups';
import { MailModule } from '@app/mail';
import { CohortAccessRepository } from './access/cohort-access.repository';
import { CohortPolicy } from './access/cohort.policy';
import { CohortActivity } from './activity/cohort-activity';
import { Announcement } from './announcements/announcement.entity';
import { CohortMember } from './cohorts/cohort-member.entity';
import { Cohort } from './cohorts/cohort.entity';
import { DiscussionPost } from './discussions/discussion-post.entity';
import { DiscussionThread } from './discussions/discussion-thread.entity';
import { CohortGroup } from './grouping/cohort-group.entity';
import { ScheduledModule } from './schedule/scheduled-module.entity';
import { DeadlineExtension } from './schedule/deadline-extension.entity';
import { ModuleCompletion } from './schedule/module-completion.entity';

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
    MailModule,
  ],
  providers: [CohortAccessRepository, CohortPolicy, CohortActivity],
  exports: [CohortAccessRepository, CohortPolicy, CohortActivity],
})
export class CohortsModule {}
