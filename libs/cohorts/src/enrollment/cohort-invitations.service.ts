import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { inviteLink } from '../cohorts/cohort-reader.service';
import { EnrollmentRepository, type InvitationRecord } from './enrollment.repository';
import { newCohortInviteCode } from './invite-code';
import { CohortEvent } from '../cohorts.events';

/**
 * Invite links. Holding the code shows the cohort (even an invite-only one) and lets the holder enroll;
 * facilitators replace the code to stop old links working. The code itself never goes to the outbox or the logs.
 */
@Injectable()
export class CohortInvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  /** The cohort behind a code; an unknown or replaced code is a 404 that says nothing more. */
  async invitation(actor: Actor, inviteCode: string): Promise<InvitationRecord> {
    const found = await this.enrollments.invitation(inviteCode, actor.userId);
    if (!found) throw new ResourceNotFoundError('invitation');
    return found;
  }

  /** Replaces the code (the caller has passed `CohortAction.Facilitate`); returns the new one and its link. */
  async rotate(cohortId: string): Promise<{ inviteCode: string; inviteLink: string }> {
    const inviteCode = newCohortInviteCode();
    await this.dataSource.transaction(async (manager) => {
      await this.enrollments.replaceInviteCode(manager, cohortId, inviteCode, this.clock.now());
      await this.outbox.record(manager, CohortEvent.CohortUpdated, cohortId, { cohortId, fields: ['inviteCode'] });
    });
    return { inviteCode, inviteLink: inviteLink(this.config.PUBLIC_URL, cohortId, inviteCode) };
  }
}
