import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

interface BodyParserError {
  status?: number;
  type?: string;
}

/**
 * JSON bodies up to `limit`. Body-parser errors happen before routing, outside Nest's filters, so they are
 * answered here in the same problem+json shape.
 */
export function useJsonBodies(app: INestApplication, limit: string): void {
  const parse = express.json({ limit, type: ['application/json', 'application/*+json'] });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const { status = 400, type } = err as BodyParserError;
      const [code, detail] =
        type === 'entity.too.large'
          ? ['payload_too_large', `The request body is larger than ${limit}.`]
          : type === 'entity.parse.failed'
            ? ['malformed_json', 'The request body is not valid JSON.']
            : ['unreadable_body', 'The request body could not be read.'];
      const requestId = (req as Request & { id?: string }).id;
      res
        .status(status)
        .type(PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(problem(status, code, detail, { instance: req.path, requestId })));
    }),
  );
}
