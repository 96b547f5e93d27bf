import { Injectable } from '@nestjs/common';
import { JobName, type JobData } from '@app/core';
import { MeetingReminderPlanner } from '@app/notifications';
import { HandlesJob, type JobHandler, type JobResult } from '../../jobs/job-handler';

/** Plans the reminders of meetings that came within the planning horizon. */
@Injectable()
@HandlesJob(JobName.PlanMeetingReminders)
export class PlanMeetingRemindersProcessor implements JobHandler<JobName.PlanMeetingReminders> {
  constructor(private readonly planner: MeetingReminderPlanner) {}

  handle(_data: JobData<JobName.PlanMeetingReminders>): Promise<JobResult> {
    return this.planner.planEnteringHorizon();
  }
}
