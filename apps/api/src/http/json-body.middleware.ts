import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppConfig } from '@app/core';
import { jsonShapeProblem } from './json-shape';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

interface BodyParserError {
  status?: number;
  type?: string;
  message?: string;
}

/** Thrown from the parser's `verify` hook; body-parser hands it to the callback with its status and type. */
class RefusedBody extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bytes are checked before they are parsed: a deeply nested body costs the parser time in proportion to its
 * depth and would overflow validation's stack (see json-shape.ts).
 */
function verifyShape(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  // RFC 8259 §8.1: JSON between systems is UTF-8, and the shape check reads UTF-8 bytes.
  if (encoding.toLowerCase() !== 'utf-8') {
    throw new RefusedBody(415, 'charset.unsupported', 'The request body must be JSON encoded as UTF-8.');
  }
  const shapeProblem = jsonShapeProblem(body);
  if (shapeProblem) throw new RefusedBody(400, 'entity.too.complex', shapeProblem);
}

/**
 * Parses JSON bodies up to BODY_LIMIT and within the shape bounds of json-shape.ts. It runs as Nest middleware
 * after the request logger, so a refused body is logged with its request id. Parser errors never reach Nest's
 * filters (they are passed to Express's `next(err)`), so they are answered here in the same problem+json shape.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(private readonly config: AppConfig) {
    this.parse = express.json({
      limit: config.BODY_LIMIT,
      type: ['application/json', 'application/*+json'],
      verify: verifyShape,
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    void this.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const error = err as BodyParserError;
      const status = error.status ?? 400;
      const [code, detail] = this.describe(error);
      const requestId = (req as Request & { id?: string }).id;
      res
        .status(status)
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(problem(status, code, detail, { instance: req.originalUrl.split('?')[0], requestId })));
    });
  }

  private describe({ type, message }: BodyParserError): [code: string, detail: string] {
    switch (type ?? 'unknown') {
      case 'entity.too.large':
        return ['payload_too_large', `The request body is larger than ${this.config.BODY_LIMIT}.`];
      case 'entity.parse.failed':
        return ['malformed_json', 'The request body is not valid JSON.'];
      case 'entity.too.complex':
        return ['body_too_complex', message ?? 'The request body is too complex.'];
      case 'charset.unsupported':
        return ['unsupported_charset', 'The request body must be JSON encoded as UTF-8.'];
      default:
        return ['unreadable_body', 'The request body could not be read.'];
    }
  }
}
