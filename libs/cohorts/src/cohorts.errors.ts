import { DomainError, ErrorKind } from '@app/core';

/** Stable codes of cohort rules (clients switch on them). Add a code with its kind and message. */
export enum CohortsErrorCode {
  /** The person already has an active or pending enrollment. */
  AlreadyEnrolled = 'already_enrolled',
  /** Every seat is taken. */
  CohortFull = 'cohort_full',
  /** Invite-mode cohorts take enrollments only with the invite code. */
  InviteRequired = 'invite_required',
  /** The person is not an active learner of the cohort. */
  NotEnrolled = 'not_enrolled',
  /** Approve and decline act on pending requests only. */
  NotPending = 'not_pending',
  /** The invite code given is not this cohort's (it may have been rotated). */
  InviteInvalid = 'invite_invalid',
  /** The person already facilitates the cohort (a facilitator cannot also enroll as a learner). */
  AlreadyFacilitator = 'already_facilitator',
  /** The person is not a facilitator of the cohort. */
  NotFacilitator = 'not_facilitator',
  /** A cohort always keeps at least one facilitator. */
  LastFacilitator = 'last_facilitator',
  /** The module is not on this cohort's calendar. */
  ModuleNotInCohort = 'module_not_in_cohort',
  /** A module can be completed once it is released. */
  ModuleNotReleased = 'module_not_released',
  /** The group is not one of this cohort's groups. */
  GroupNotInCohort = 'group_not_in_cohort',
  /** The target group has as many members as the cohort's maximum group size. */
  GroupFull = 'group_full',
  /** Locked threads take no replies. */
  ThreadLocked = 'thread_locked',
  /** Only the author may edit a post or a thread's title (or delete a post, facilitators aside). */
  NotAuthor = 'not_author',
}

const KIND: { readonly [C in CohortsErrorCode]: ErrorKind } = {
  [CohortsErrorCode.AlreadyEnrolled]: ErrorKind.Conflict,
  [CohortsErrorCode.CohortFull]: ErrorKind.Conflict,
  [CohortsErrorCode.InviteRequired]: ErrorKind.Forbidden,
  [CohortsErrorCode.NotEnrolled]: ErrorKind.NotFound,
  [CohortsErrorCode.NotPending]: ErrorKind.Conflict,
  [CohortsErrorCode.InviteInvalid]: ErrorKind.Forbidden,
  [CohortsErrorCode.AlreadyFacilitator]: ErrorKind.Conflict,
  [CohortsErrorCode.NotFacilitator]: ErrorKind.NotFound,
  [CohortsErrorCode.LastFacilitator]: ErrorKind.Conflict,
  [CohortsErrorCode.ModuleNotInCohort]: ErrorKind.NotFound,
  [CohortsErrorCode.ModuleNotReleased]: ErrorKind.Conflict,
  [CohortsErrorCode.GroupNotInCohort]: ErrorKind.NotFound,
  [CohortsErrorCode.GroupFull]: ErrorKind.Conflict,
  [CohortsErrorCode.ThreadLocked]: ErrorKind.Conflict,
  [CohortsErrorCode.NotAuthor]: ErrorKind.Forbidden,
};

const MESSAGE: { readonly [C in CohortsErrorCode]: string } = {
  [CohortsErrorCode.AlreadyEnrolled]: 'You are already enrolled in this cohort (or your request is waiting).',
  [CohortsErrorCode.CohortFull]: 'Every seat in this cohort is taken.',
  [CohortsErrorCode.InviteRequired]: 'This cohort takes enrollments by invitation only: use its invite link.',
  [CohortsErrorCode.NotEnrolled]: 'This person is not an active learner of the cohort.',
  [CohortsErrorCode.NotPending]: 'There is no pending request from this person.',
  [CohortsErrorCode.InviteInvalid]: 'This invite code is not valid for this cohort (it may have been replaced).',
  [CohortsErrorCode.AlreadyFacilitator]: 'This person already facilitates this cohort.',
  [CohortsErrorCode.NotFacilitator]: 'This person is not a facilitator of this cohort.',
  [CohortsErrorCode.LastFacilitator]: 'A cohort needs at least one facilitator: add another one first.',
  [CohortsErrorCode.ModuleNotInCohort]: 'This module is not part of the cohort.',
  [CohortsErrorCode.ModuleNotReleased]: 'This module is not released yet.',
  [CohortsErrorCode.GroupNotInCohort]: 'This group is not one of the cohort’s groups.',
  [CohortsErrorCode.GroupFull]: 'This group already has the cohort’s maximum group size.',
  [CohortsErrorCode.ThreadLocked]: 'This thread is locked: it takes no new replies.',
  [CohortsErrorCode.NotAuthor]: 'Only the author may change this (facilitators may delete it as moderation).',
};

export class CohortsError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CohortsErrorCode, field?: string) {
    super(code, MESSAGE[code], field ? [{ field, message: MESSAGE[code] }] : []);
    this.kind = KIND[code];
  }
}
