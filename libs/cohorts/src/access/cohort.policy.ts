import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isAdmin, type Actor, type PolicyDecision, type ResourcePolicy } from '@app/core';
import { GroupStaffRegistry } from '@app/groups';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentMode } from '../cohorts/cohort.entity';
import { CohortAccessRepository, type CohortAccess } from './cohort-access.repository';

export enum CohortAction {
  /** The cohort's public face: course, dates, modes, seats left. Invite-only cohorts: members only (404). */
  View = 'view',
  /** A participant's view: own progress, own group, cohort-wide threads. Active learners and facilitators. */
  Participate = 'participate',
  /** Everything else: roster with emails, dashboard, approvals, schedule, groups, announcements, moderation. */
  Facilitate = 'facilitate',
}

/** Who may do what to a cohort. Invite-only cohorts do not exist for outsiders: 404, not 403. */
@Injectable()
export class CohortPolicy implements ResourcePolicy<CohortAction>, OnModuleInit {
  constructor(
    private readonly access: CohortAccessRepository,
    private readonly groupStaff: GroupStaffRegistry,
  ) {}

  onModuleInit(): void {
    // A cohort's facilitators facilitate each of its study groups (meetings, attendance, threads).
    this.groupStaff.register((groupId, userId) => this.access.facilitatesGroup(groupId, userId));
  }

  async decide(actor: Actor, action: CohortAction, cohortId: string): Promise<PolicyDecision> {
    const access = await this.access.find(cohortId, actor.userId);
    if (!access) return 'not_found';
    return decideCohortAction(actor, action, access);
  }
}

export function decideCohortAction(actor: Actor, action: CohortAction, access: CohortAccess): PolicyDecision {
  const admin = isAdmin(actor);
  const active = access.status === EnrollmentStatus.Active;
  const facilitator = active && access.role === CohortRole.Facilitator;
  const known = access.status !== null || access.enrollmentMode !== EnrollmentMode.Invite || admin;
  if (!known) return 'not_found';
  switch (action) {
    case CohortAction.View:
      return 'allow';
    case CohortAction.Participate:
      return active || admin ? 'allow' : 'deny';
    case CohortAction.Facilitate:
      return facilitator || admin ? 'allow' : 'deny';
  }
}
