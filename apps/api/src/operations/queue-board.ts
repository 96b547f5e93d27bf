import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, ErrorKind, JobQueue, QueueName } from '@app/core';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { AdminAccess } from './admin-access';

/** Outside the `/api/v1` prefix: an operators' page, not part of the versioned API. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over every queue (the same Queue instances, hence the same Redis prefix, the API enqueues with),
 * for administrators only. The board is an Express router, which Nest's guards never see: the middleware
 * in front of it checks the bearer token itself, for the page, its assets and its JSON API alike.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const jobs = app.get(JobQueue);
  const board = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(jobs.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Commonplace queues' } },
  });
  app.use(QUEUE_BOARD_PATH, adminsOnly(app.get(AdminAccess)), board.getRouter() as RequestHandler);
}

const STATUS_OF_KIND: Partial<Record<ErrorKind, number>> = {
  [ErrorKind.Unauthorized]: 401,
  [ErrorKind.Forbidden]: 403,
};

function adminsOnly(access: AdminAccess): RequestHandler {
  const logger = new Logger('QueueBoard');
  return (req: Request, res: Response, next: NextFunction) => {
    access.authenticate(req.headers).then(
      () => next(),
      (error: unknown) => {
        const status = error instanceof DomainError ? STATUS_OF_KIND[error.kind] : undefined;
        const instance = req.originalUrl.split('?')[0];
        const body =
          status !== undefined && error instanceof DomainError
            ? problem(status, error.code, error.message, { instance })
            : problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.', { instance });
        if (status === undefined) logger.error({ err: error }, 'queue board authentication failed');
        if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
      },
    );
  };
}
