"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimitedError = exports.AccessDeniedError = exports.ResourceNotFoundError = exports.InvalidInputError = exports.DomainError = exports.ErrorKind = void 0;
/** What went wrong, as a client can act on it. Each maps to one HTTP status in the API's problem filter. */
var ErrorKind;
(function (ErrorKind) {
    ErrorKind["BadRequest"] = "bad_request";
    ErrorKind["Unauthorized"] = "unauthorized";
    ErrorKind["Forbidden"] = "forbidden";
    ErrorKind["NotFound"] = "not_found";
    ErrorKind["Conflict"] = "conflict";
    ErrorKind["Gone"] = "gone";
    ErrorKind["TooManyRequests"] = "too_many_requests";
    ErrorKind["Unavailable"] = "unavailable";
})(ErrorKind || (exports.ErrorKind = ErrorKind = {}));
/**
 * Base of every domain's exception. `code` is stable and documented (clients switch on it);
 * `message` is for people and may change.
 */
class DomainError extends Error {
    constructor(code, message, fields = [], 
    /** Seconds after which a retry may succeed (sent as Retry-After). */
    retryAfterSeconds) {
        super(message);
        this.code = code;
        this.fields = fields;
        this.retryAfterSeconds = retryAfterSeconds;
        this.name = new.target.name;
    }
}
exports.DomainError = DomainError;
/** Bad input that class-validator cannot see (cross-field rules, unknown ids in the body). */
class InvalidInputError extends DomainError {
    constructor(fields, message = 'The request has invalid fields.') {
        super('validation_failed', message, fields);
        this.kind = ErrorKind.BadRequest;
    }
}
exports.InvalidInputError = InvalidInputError;
class ResourceNotFoundError extends DomainError {
    constructor(resource) {
        super(`${resource}_not_found`, `The ${resource.replace(/_/g, ' ')} does not exist or is not visible to you.`);
        this.kind = ErrorKind.NotFound;
    }
}
exports.ResourceNotFoundError = ResourceNotFoundError;
class AccessDeniedError extends DomainError {
    constructor(message = 'You may not do this to this resource.') {
        super('forbidden', message);
        this.kind = ErrorKind.Forbidden;
    }
}
exports.AccessDeniedError = AccessDeniedError;
class RateLimitedError extends DomainError {
    constructor(retryAfterSeconds) {
        super('rate_limited', 'Too many attempts. Try again later.', [], retryAfterSeconds);
        this.kind = ErrorKind.TooManyRequests;
    }
}
exports.RateLimitedError = RateLimitedError;
