import { DomainError, ErrorKind } from '@app/core';

/** Stable codes a client can switch on when an image cannot carry (or does not carry) a credential. */
export enum BakingErrorCode {
  NotAPng = 'badge_image_not_png',
  NotAnSvg = 'badge_image_not_svg',
  MalformedBakedCredential = 'baked_credential_malformed',
}

export class BakingError extends DomainError {
  readonly kind = ErrorKind.BadRequest;

  constructor(code: BakingErrorCode, message: string) {
    super(code, message);
  }
}
