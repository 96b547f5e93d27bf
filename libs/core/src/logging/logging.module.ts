import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A caller's X-Request-Id when it is safe to echo, otherwise a fresh one; sent back on every response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Paths without their query string: tokens and emails must never reach the logs. */
const pathOnly = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

/** pino JSON logs, one line per event, carrying requestId; no bodies, headers or query strings. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: requestId,
          customAttributeKeys: { reqId: 'requestId' },
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOnly(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Health probes run every few seconds; their lines would drown the rest.
          autoLogging: { ignore: (req: IncomingMessage) => pathOnly(req.url).startsWith('/health') },
        },
      }),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
