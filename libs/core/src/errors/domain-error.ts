/** What went wrong, as a client can act on it. Each maps to one HTTP status in the API's problem filter. */
export enum ErrorKind {
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Gone = 'gone',
  /** The request's content is larger than allowed (413). */
  PayloadTooLarge = 'payload_too_large',
  /** The request's content is of a type not accepted (415). */
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  Unavailable = 'unavailable',
}

export interface FieldProblem {
  /** Dotted path of the field in the request, e.g. `availability.0.start`. */
  field: string;
  message: string;
}

/**
 * Base of every domain's exception. `code` is stable and documented (clients switch on it);
 * `message` is for people and may change.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  protected constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** Seconds after which a retry may succeed (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input that class-validator cannot see (cross-field rules, unknown ids in the body). */
export class InvalidInputError extends DomainError {
  readonly kind = ErrorKind.BadRequest;

  constructor(fields: FieldProblem[], message = 'The request has invalid fields.') {
    super('validation_failed', message, fields);
  }
}

export class ResourceNotFoundError extends DomainError {
  readonly kind = ErrorKind.NotFound;

  constructor(resource: string) {
    super(`${resource}_not_found`, `The ${resource.replace(/_/g, ' ')} does not exist or is not visible to you.`);
  }
}

export class AccessDeniedError extends DomainError {
  readonly kind = ErrorKind.Forbidden;

  constructor(message = 'You may not do this to this resource.') {
    super('forbidden', message);
  }
}

export class RateLimitedError extends DomainError {
  readonly kind = ErrorKind.TooManyRequests;

  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'Too many attempts. Try again later.', [], retryAfterSeconds);
  }
}
