import { DomainError, ErrorKind } from '@app/core';

/** Stable codes of badge rules (clients switch on them). Add a code with its kind and message. */
export enum BadgeErrorCode {
  IssuerNotFound = 'issuer_not_found',
  AchievementNotFound = 'achievement_not_found',
  /** Archived achievements are no longer awarded or nominated for. */
  AchievementArchived = 'achievement_archived',
  AwardNotFound = 'award_not_found',
  /** Only facilitators of the achievement's group or cohort, or its issuer's admins. */
  NotBadgeManager = 'not_badge_manager',
  /** The person already holds this badge (one award per person and achievement). */
  AlreadyAwarded = 'already_awarded',
  AlreadyRevoked = 'already_revoked',
  /** The recipient must be a member of the achievement's group or cohort. */
  RecipientNotMember = 'recipient_not_member',
  /** Nobody nominates or endorses themselves. */
  SelfNomination = 'self_nomination',
  /** Peers cannot nominate for this achievement. */
  NominationsClosed = 'nominations_closed',
  NominationNotFound = 'nomination_not_found',
  /** The nomination was already awarded or declined. */
  NominationDecided = 'nomination_decided',
  /** Someone already nominated this person for this achievement: endorse that nomination. */
  AlreadyNominated = 'already_nominated',
  AlreadyEndorsed = 'already_endorsed',
  /** The person has no email to hash into a credential. */
  RecipientWithoutEmail = 'recipient_without_email',
  StatusListNotFound = 'status_list_not_found',
  KeyNotFound = 'issuer_key_not_found',
  /** POST /badges/verify: the body holds no credential that can be read (field `body`). */
  UnreadableCredential = 'credential_unreadable',
  CredentialInputTooLarge = 'credential_input_too_large',
  /** POST /badges/verify takes JSON, JSON-LD, a PNG or an SVG. */
  UnsupportedCredentialInput = 'credential_input_unsupported',
  /** Badge images are PNG or SVG, checked from their bytes; an SVG may hold no script or external reference. */
  ImageUnsupported = 'image_unsupported',
  ImageTooLarge = 'image_too_large',
}

const KIND: { readonly [C in BadgeErrorCode]: ErrorKind } = {
  [BadgeErrorCode.IssuerNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.AchievementNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.AchievementArchived]: ErrorKind.Conflict,
  [BadgeErrorCode.AwardNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.NotBadgeManager]: ErrorKind.Forbidden,
  [BadgeErrorCode.AlreadyAwarded]: ErrorKind.Conflict,
  [BadgeErrorCode.AlreadyRevoked]: ErrorKind.Conflict,
  [BadgeErrorCode.RecipientNotMember]: ErrorKind.Conflict,
  [BadgeErrorCode.SelfNomination]: ErrorKind.Conflict,
  [BadgeErrorCode.NominationsClosed]: ErrorKind.Conflict,
  [BadgeErrorCode.NominationNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.NominationDecided]: ErrorKind.Conflict,
  [BadgeErrorCode.AlreadyNominated]: ErrorKind.Conflict,
  [BadgeErrorCode.AlreadyEndorsed]: ErrorKind.Conflict,
  [BadgeErrorCode.RecipientWithoutEmail]: ErrorKind.Conflict,
  [BadgeErrorCode.StatusListNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.KeyNotFound]: ErrorKind.NotFound,
  [BadgeErrorCode.UnreadableCredential]: ErrorKind.BadRequest,
  [BadgeErrorCode.CredentialInputTooLarge]: ErrorKind.PayloadTooLarge,
  [BadgeErrorCode.UnsupportedCredentialInput]: ErrorKind.UnsupportedMediaType,
  [BadgeErrorCode.ImageUnsupported]: ErrorKind.UnsupportedMediaType,
  [BadgeErrorCode.ImageTooLarge]: ErrorKind.PayloadTooLarge,
};

const MESSAGE: { readonly [C in BadgeErrorCode]: string } = {
  [BadgeErrorCode.IssuerNotFound]: 'There is no such badge issuer.',
  [BadgeErrorCode.AchievementNotFound]: 'There is no such badge.',
  [BadgeErrorCode.AchievementArchived]: 'This badge is archived: it is no longer awarded.',
  [BadgeErrorCode.AwardNotFound]: 'There is no such awarded badge.',
  [BadgeErrorCode.NotBadgeManager]:
    'Only facilitators of this badge’s group or cohort, or its issuer’s admins, may do this.',
  [BadgeErrorCode.AlreadyAwarded]: 'This person already holds this badge.',
  [BadgeErrorCode.AlreadyRevoked]: 'This badge was already revoked.',
  [BadgeErrorCode.RecipientNotMember]: 'The recipient must be a member of this badge’s group or cohort.',
  [BadgeErrorCode.SelfNomination]: 'Nobody nominates or endorses themselves.',
  [BadgeErrorCode.NominationsClosed]: 'Peers cannot nominate anyone for this badge.',
  [BadgeErrorCode.NominationNotFound]: 'There is no such nomination.',
  [BadgeErrorCode.NominationDecided]: 'This nomination was already decided.',
  [BadgeErrorCode.AlreadyNominated]: 'This person is already nominated for this badge: endorse that nomination.',
  [BadgeErrorCode.AlreadyEndorsed]: 'You already endorsed this nomination.',
  [BadgeErrorCode.RecipientWithoutEmail]: 'This person has no email address a badge could name.',
  [BadgeErrorCode.StatusListNotFound]: 'There is no such status list.',
  [BadgeErrorCode.KeyNotFound]: 'This issuer has no such key.',
  [BadgeErrorCode.UnreadableCredential]:
    'Send a credential: its JSON, or a PNG or SVG badge image with the credential baked in.',
  [BadgeErrorCode.CredentialInputTooLarge]: 'The badge image is too large to be one of ours.',
  [BadgeErrorCode.UnsupportedCredentialInput]:
    'Send the credential as application/json or application/ld+json, or the baked badge as image/png or image/svg+xml.',
  [BadgeErrorCode.ImageUnsupported]:
    'A badge image is a PNG or an SVG without scripts, event attributes, foreign objects or external references.',
  [BadgeErrorCode.ImageTooLarge]: 'The badge image is too large.',
};

export class BadgeError extends DomainError {
  readonly kind: ErrorKind;

  /** `field`: the request field at fault, or several (every recipient who is not a member). */
  constructor(code: BadgeErrorCode, field?: string | readonly string[]) {
    const fields = field === undefined ? [] : typeof field === 'string' ? [field] : field;
    super(
      code,
      MESSAGE[code],
      fields.map((f) => ({ field: f, message: MESSAGE[code] })),
    );
    this.kind = KIND[code];
  }
}
