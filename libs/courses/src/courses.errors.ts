import { DomainError, ErrorKind } from '@app/core';

export enum CourseErrorCode {
  /** The version's license (ND or all rights reserved) does not allow adaptations to be shared. */
  LicenseForbidsDerivatives = 'license_forbids_derivatives',
  /** A fork's license must be one the source's license allows for adaptations. */
  LicenseIncompatible = 'license_incompatible',
  /** Publishing needs at least one module. */
  CourseIncomplete = 'course_incomplete',
}

const KIND: { readonly [C in CourseErrorCode]: ErrorKind } = {
  [CourseErrorCode.LicenseForbidsDerivatives]: ErrorKind.Forbidden,
  [CourseErrorCode.LicenseIncompatible]: ErrorKind.Conflict,
  [CourseErrorCode.CourseIncomplete]: ErrorKind.Conflict,
};

const MESSAGE: { readonly [C in CourseErrorCode]: string } = {
  [CourseErrorCode.LicenseForbidsDerivatives]:
    'The license of this course version does not allow derivatives (NoDerivatives or all rights reserved), so it cannot be forked.',
  [CourseErrorCode.LicenseIncompatible]:
    'This license is not allowed for a fork of the course it derives from (see the allowed licenses).',
  [CourseErrorCode.CourseIncomplete]: 'A course needs at least one module before it can be published.',
};

export class CourseError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CourseErrorCode, field?: string, detail?: string) {
    const message = detail ?? MESSAGE[code];
    super(code, message, field ? [{ field, message }] : []);
    this.kind = KIND[code];
  }
}
