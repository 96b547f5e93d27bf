import { ResourceNotFoundError } from '@app/core';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentMode } from '../cohorts/cohort.entity';

/** What the person presented: no invite code, the cohort's current code, or some other code. */
export enum InvitePresented {
  None = 'none',
  Valid = 'valid',
  Invalid = 'invalid',
}

export interface EnrollmentFacts {
  mode: EnrollmentMode;
  /** The person's row in the cohort, if any (history included: withdrawn, declined). */
  member: { role: CohortRole; status: EnrollmentStatus } | null;
  invite: InvitePresented;
  /** Platform admins see invite-only cohorts (as the access policy says), but still need the code to enroll. */
  admin: boolean;
  seatsLeft: number;
}

/**
 * Where a person's own enrollment request lands: active at once, or pending a facilitator's approval. Throws
 * the error the person should see otherwise. Checks run in an order that never leaks an invite-only cohort:
 * to an outsider without its current code it does not exist (404), exactly as the access policy answers.
 *
 * A valid invite code skips approval in approval-mode cohorts: the link is the facilitators' own invitation,
 * so it counts as their approval. Facilitators who want to vet everyone share the cohort page, not the link.
 */
export function decideEnrollment(facts: EnrollmentFacts): EnrollmentStatus.Active | EnrollmentStatus.Pending {
  const { mode, member, invite } = facts;
  const known = member !== null || mode !== EnrollmentMode.Invite || facts.admin;
  if (!known && invite !== InvitePresented.Valid) throw new ResourceNotFoundError('cohort');
  if (invite === InvitePresented.Invalid) throw new CohortsError(CohortsErrorCode.InviteInvalid, 'inviteCode');
  if (member?.role === CohortRole.Facilitator) throw new CohortsError(CohortsErrorCode.AlreadyFacilitator);
  if (member?.status === EnrollmentStatus.Active || member?.status === EnrollmentStatus.Pending) {
    throw new CohortsError(CohortsErrorCode.AlreadyEnrolled);
  }
  // Withdrawn or declined people of an invite-only cohort need the current code too: rotating it shuts them out.
  if (mode === EnrollmentMode.Invite && invite !== InvitePresented.Valid) {
    throw new CohortsError(CohortsErrorCode.InviteRequired, 'inviteCode');
  }
  // A request that could not be approved is refused at once, rather than left waiting for a seat.
  if (facts.seatsLeft <= 0) throw new CohortsError(CohortsErrorCode.CohortFull);
  return mode === EnrollmentMode.Approval && invite !== InvitePresented.Valid
    ? EnrollmentStatus.Pending
    : EnrollmentStatus.Active;
}
