import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, isAdmin, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { CohortActivity } from '../activity/cohort-activity';
import { EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { asEnrollmentError } from './enrollment-failures';
import { decideEnrollment, InvitePresented } from './enrollment-rules';
import { EnrollmentRepository, type EnrollmentRecord } from './enrollment.repository';
import { inviteCodeMatches } from './invite-code';
import { CohortEvent } from '../cohorts.events';

/**
 * A person enrolls themselves: open cohorts seat them at once, approval cohorts queue the request, invite-only
 * cohorts need the current invite code. The cohort's row is locked (SELECT ... FOR UPDATE) for the whole
 * transaction, so simultaneous enrollments take seats one at a time: the seat check, the member row, the count
 * and the outbox event commit together or not at all.
 *
 * The access check happens here rather than in the route's policy guard: an outsider holding a valid code must
 * get in to an invite-only cohort the policy hides from them. Without the code they get the policy's own answer
 * (404), and a wrong code is a 404 to them too, so a code never reveals that a cohort exists.
 */
@Injectable()
export class EnrollUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly activity: CohortActivity,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async enroll(actor: Actor, cohortId: string, inviteCode?: string): Promise<EnrollmentRecord> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const cohort = await this.enrollments.lockCohort(manager, cohortId);
        if (!cohort) throw new ResourceNotFoundError('cohort');
        const member = await this.enrollments.findMember(manager, cohortId, actor.userId);
        const status = decideEnrollment({
          mode: cohort.enrollmentMode,
          member,
          invite: presented(inviteCode, cohort.inviteCode),
          admin: isAdmin(actor),
          seatsLeft: cohort.capacity - cohort.enrolledCount,
        });
        const now = this.clock.now();
        await this.enrollments.enrollLearner(manager, { cohortId, userId: actor.userId, status, now });
        const event = { cohortId, userId: actor.userId };
        if (status === EnrollmentStatus.Active) {
          await this.enrollments.addToEnrolledCount(manager, cohortId, 1);
          await this.outbox.record(manager, CohortEvent.LearnerEnrolled, cohortId, event);
          await this.activity.touch(cohortId, actor.userId, manager);
        } else {
          await this.outbox.record(manager, CohortEvent.EnrollmentRequested, cohortId, event);
        }
        const own = await this.enrollments.enrollment(manager, cohortId, actor.userId);
        if (!own) throw new Error('enrollment vanished inside its own transaction');
        return own;
      });
    } catch (error) {
      throw asEnrollmentError(error);
    }
  }
}

function presented(given: string | undefined, actual: string): InvitePresented {
  if (given === undefined) return InvitePresented.None;
  return inviteCodeMatches(given, actual) ? InvitePresented.Valid : InvitePresented.Invalid;
}
