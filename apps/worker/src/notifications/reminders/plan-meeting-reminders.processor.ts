import { Injectable } from '@nestjs/common';
import { type JobData } from '@app/core';
import { MeetingReminderPlanner, NotificationJob } from '@app/notifications';
import { HandlesJob, type JobHandler, type JobResult } from '../../jobs/job-handler';
import { RunsEvery } from '../../jobs/recurring-jobs';

/** Plans the reminders of meetings that came within the planning horizon. */
@Injectable()
@HandlesJob(NotificationJob.PlanMeetingReminders)
// Hourly: meetings come within the 30-day horizon continuously, and the earliest reminder is a week before, so an
// hour's delay (or a worker down for a day) never costs one.
@RunsEvery({ everyMs: 3600_000, atBoot: true })
export class PlanMeetingRemindersProcessor implements JobHandler<typeof NotificationJob.PlanMeetingReminders> {
  constructor(private readonly planner: MeetingReminderPlanner) {}

  handle(_data: JobData<typeof NotificationJob.PlanMeetingReminders>): Promise<JobResult> {
    return this.planner.planEnteringHorizon();
  }
}
