import { ResourceNotFoundError } from '@app/core';
import { CohortsError } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentMode } from '../cohorts/cohort.entity';
import { decideEnrollment, InvitePresented, type EnrollmentFacts } from './enrollment-rules';
import { inviteCodeMatches, newCohortInviteCode } from './invite-code';

const facts = (over: Partial<EnrollmentFacts> = {}): EnrollmentFacts => ({
  mode: EnrollmentMode.Open,
  member: null,
  invite: InvitePresented.None,
  admin: false,
  seatsLeft: 5,
  ...over,
});

const learner = (status: EnrollmentStatus) => ({ role: CohortRole.Learner, status });

/** The code a call fails with, or its result. */
function outcome(f: EnrollmentFacts): string {
  try {
    return decideEnrollment(f);
  } catch (error) {
    if (error instanceof CohortsError || error instanceof ResourceNotFoundError) return error.code;
    throw error;
  }
}

describe('decideEnrollment', () => {
  it('seats at once in open cohorts and queues in approval cohorts', () => {
    expect(outcome(facts())).toBe('active');
    expect(outcome(facts({ mode: EnrollmentMode.Approval }))).toBe('pending');
  });

  it('lets a valid invite code skip approval, and requires it in invite-only cohorts', () => {
    expect(outcome(facts({ mode: EnrollmentMode.Approval, invite: InvitePresented.Valid }))).toBe('active');
    expect(outcome(facts({ mode: EnrollmentMode.Invite, invite: InvitePresented.Valid }))).toBe('active');
  });

  it('never reveals an invite-only cohort to an outsider without its current code', () => {
    const invite = { mode: EnrollmentMode.Invite };
    expect(outcome(facts(invite))).toBe('cohort_not_found');
    expect(outcome(facts({ ...invite, invite: InvitePresented.Invalid }))).toBe('cohort_not_found');
    // Even when full: the seat count is not a side channel.
    expect(outcome(facts({ ...invite, invite: InvitePresented.Invalid, seatsLeft: 0 }))).toBe('cohort_not_found');
  });

  it('tells people who know the cohort what is wrong with their code', () => {
    const withdrawn = { mode: EnrollmentMode.Invite, member: learner(EnrollmentStatus.Withdrawn) };
    expect(outcome(facts(withdrawn))).toBe('invite_required');
    expect(outcome(facts({ ...withdrawn, invite: InvitePresented.Invalid }))).toBe('invite_invalid');
    expect(outcome(facts({ mode: EnrollmentMode.Invite, admin: true }))).toBe('invite_required');
    expect(outcome(facts({ mode: EnrollmentMode.Open, invite: InvitePresented.Invalid }))).toBe('invite_invalid');
  });

  it('refuses a second enrollment and a facilitator enrolling as a learner', () => {
    expect(outcome(facts({ member: learner(EnrollmentStatus.Active) }))).toBe('already_enrolled');
    expect(outcome(facts({ member: learner(EnrollmentStatus.Pending) }))).toBe('already_enrolled');
    const facilitator = { role: CohortRole.Facilitator, status: EnrollmentStatus.Active };
    expect(outcome(facts({ member: facilitator }))).toBe('already_facilitator');
  });

  it('lets withdrawn and declined people enroll again', () => {
    expect(outcome(facts({ member: learner(EnrollmentStatus.Withdrawn) }))).toBe('active');
    expect(outcome(facts({ mode: EnrollmentMode.Approval, member: learner(EnrollmentStatus.Declined) }))).toBe(
      'pending',
    );
  });

  it('refuses when no seat is left, pending requests included', () => {
    expect(outcome(facts({ seatsLeft: 0 }))).toBe('cohort_full');
    expect(outcome(facts({ mode: EnrollmentMode.Approval, seatsLeft: 0 }))).toBe('cohort_full');
    // Already enrolled wins over full: the person learns they are in.
    expect(outcome(facts({ seatsLeft: 0, member: learner(EnrollmentStatus.Active) }))).toBe('already_enrolled');
  });
});

describe('invite codes', () => {
  it('are long, URL-safe, distinct, and compared exactly', () => {
    const a = newCohortInviteCode();
    const b = newCohortInviteCode();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a).not.toBe(b);
    expect(inviteCodeMatches(a, a)).toBe(true);
    expect(inviteCodeMatches(b, a)).toBe(false);
    expect(inviteCodeMatches(a.slice(0, -1), a)).toBe(false);
    expect(inviteCodeMatches('', a)).toBe(false);
  });
});
