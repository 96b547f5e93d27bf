import { DomainError, ErrorKind } from '@app/core';

/** Stable codes of study-group and membership rules (clients switch on them). */
export enum GroupsErrorCode {
  /** The group takes no signups now (its facilitators closed them). */
  SignupClosed = 'signup_closed',
  /** The last facilitator must hand the group over before leaving or stepping down. */
  LastFacilitator = 'last_facilitator',
  /** The person is not in the group (neither active nor waitlisted). */
  MemberNotFound = 'member_not_found',
  /** Only active members can take a role; waitlisted people wait for a seat first. */
  MemberNotActive = 'member_not_active',
  /** Handing over, or acting on a facilitator, is for facilitators (not co-facilitators). */
  FacilitatorRequired = 'facilitator_required',
  /** Public groups have no invite code to rotate. */
  GroupNotPrivate = 'group_not_private',
}

const KIND: { readonly [C in GroupsErrorCode]: ErrorKind } = {
  [GroupsErrorCode.SignupClosed]: ErrorKind.Conflict,
  [GroupsErrorCode.LastFacilitator]: ErrorKind.Conflict,
  [GroupsErrorCode.MemberNotFound]: ErrorKind.NotFound,
  [GroupsErrorCode.MemberNotActive]: ErrorKind.Conflict,
  [GroupsErrorCode.FacilitatorRequired]: ErrorKind.Forbidden,
  [GroupsErrorCode.GroupNotPrivate]: ErrorKind.Conflict,
};

const MESSAGE: { readonly [C in GroupsErrorCode]: string } = {
  [GroupsErrorCode.SignupClosed]: 'This group is not taking signups at the moment.',
  [GroupsErrorCode.LastFacilitator]:
    'The group would have no facilitator. Make another member facilitator first, then leave or step down.',
  [GroupsErrorCode.MemberNotFound]: 'This person is not a member of the group and not on its waitlist.',
  [GroupsErrorCode.MemberNotActive]: 'This person is on the waitlist; only active members can take a role.',
  [GroupsErrorCode.FacilitatorRequired]: 'Only a facilitator of the group may hand it over or act on a facilitator.',
  [GroupsErrorCode.GroupNotPrivate]: 'Only private groups have an invite code.',
};

export class GroupsError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: GroupsErrorCode, field?: string) {
    super(code, MESSAGE[code], field ? [{ field, message: MESSAGE[code] }] : []);
    this.kind = KIND[code];
  }
}
