import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppConfig } from '@app/core';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

interface BodyParserError {
  status?: number;
  type?: string;
}

/**
 * Parses JSON bodies up to BODY_LIMIT. It runs as Nest middleware after the request logger, so a refused body
 * is logged with its request id. Parser errors never reach Nest's filters (they are passed to Express's
 * `next(err)`), so they are answered here in the same problem+json shape.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(private readonly config: AppConfig) {
    this.parse = express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    void this.parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const { status = 400, type } = err as BodyParserError;
      const [code, detail] =
        type === 'entity.too.large'
          ? ['payload_too_large', `The request body is larger than ${this.config.BODY_LIMIT}.`]
          : type === 'entity.parse.failed'
            ? ['malformed_json', 'The request body is not valid JSON.']
            : ['unreadable_body', 'The request body could not be read.'];
      const requestId = (req as Request & { id?: string }).id;
      res
        .status(status)
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(problem(status, code, detail, { instance: req.originalUrl.split('?')[0], requestId })));
    });
  }
}
