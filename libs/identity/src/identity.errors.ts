import { DomainError, ErrorKind } from '@app/core';

export enum IdentityErrorCode {
  EmailTaken = 'email_taken',
  InvalidCredentials = 'invalid_credentials',
  Unauthenticated = 'unauthenticated',
  InvalidRefreshToken = 'invalid_refresh_token',
  InvalidToken = 'invalid_token',
  PasswordIncorrect = 'password_incorrect',
  EmailNotVerified = 'email_not_verified',
  /** A cookie-borne session request without our CSRF proof or from another site's page. */
  CsrfRejected = 'csrf_rejected',
}

const KIND: { readonly [C in IdentityErrorCode]: ErrorKind } = {
  [IdentityErrorCode.EmailTaken]: ErrorKind.Conflict,
  [IdentityErrorCode.InvalidCredentials]: ErrorKind.Unauthorized,
  [IdentityErrorCode.Unauthenticated]: ErrorKind.Unauthorized,
  [IdentityErrorCode.InvalidRefreshToken]: ErrorKind.Unauthorized,
  [IdentityErrorCode.InvalidToken]: ErrorKind.BadRequest,
  [IdentityErrorCode.PasswordIncorrect]: ErrorKind.Forbidden,
  [IdentityErrorCode.EmailNotVerified]: ErrorKind.Forbidden,
  [IdentityErrorCode.CsrfRejected]: ErrorKind.Forbidden,
};

const MESSAGE: { readonly [C in IdentityErrorCode]: string } = {
  [IdentityErrorCode.EmailTaken]: 'An account with this email already exists.',
  // Same words whether the email is unknown or the password wrong: no account enumeration.
  [IdentityErrorCode.InvalidCredentials]: 'The email or password is incorrect.',
  [IdentityErrorCode.Unauthenticated]: 'A valid access token is required.',
  [IdentityErrorCode.InvalidRefreshToken]: 'The refresh token is invalid, expired or already used. Log in again.',
  [IdentityErrorCode.InvalidToken]: 'The link is invalid, expired or already used.',
  [IdentityErrorCode.PasswordIncorrect]: 'The current password is incorrect.',
  [IdentityErrorCode.EmailNotVerified]:
    'Verify your email address first (follow the link we emailed you, or ask for a new one): until then nothing you make is shown to others.',
  [IdentityErrorCode.CsrfRejected]:
    'This request must come from our own pages, with the X-CSRF-Token header set to the value of the cp_csrf cookie.',
};

export class IdentityError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: IdentityErrorCode, field?: string) {
    super(code, MESSAGE[code], field ? [{ field, message: MESSAGE[code] }] : []);
    this.kind = KIND[code];
  }
}
