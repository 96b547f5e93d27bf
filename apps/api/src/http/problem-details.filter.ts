import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorKind } from '@app/core';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemBody } from './problem';

const STATUS_OF_KIND: { readonly [K in ErrorKind]: number } = {
  [ErrorKind.BadRequest]: 400,
  [ErrorKind.Unauthorized]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.Gone]: 410,
  [ErrorKind.PayloadTooLarge]: 413,
  [ErrorKind.UnsupportedMediaType]: 415,
  [ErrorKind.TooManyRequests]: 429,
  [ErrorKind.Unavailable]: 503,
};

const snakeCase = (s: string): string =>
  s
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();

/** Maps every error to problem+json: domain errors by kind, Nest's HTTP errors by status, anything else to 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const context = { instance: req.path, requestId: typeof req.id === 'string' ? req.id : undefined };

    const body = this.toProblem(error, context);
    if (error instanceof DomainError && error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(error: unknown, context: Pick<ProblemBody, 'instance' | 'requestId'>): ProblemBody {
    if (error instanceof DomainError) {
      return problem(STATUS_OF_KIND[error.kind], error.code, error.message, { ...context, errors: error.fields });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = snakeCase(error.constructor.name.replace(/Exception$/, '')) || `http_${status}`;
      return problem(status, code, error.message, context);
    }
    // Unknown: the stack goes to the log (it names no person), the client learns nothing internal.
    this.logger.error({ err: error, requestId: context.requestId }, 'unhandled error');
    return problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.', context);
  }
}
