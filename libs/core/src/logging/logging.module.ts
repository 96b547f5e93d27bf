import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';
import pretty from 'pino-pretty';
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

/** One line per event: time, level, message, then its fields; colours only on a terminal. */
const readable = (stream: NodeJS.WritableStream): NodeJS.WritableStream =>
  pretty({
    destination: stream,
    colorize: (stream as { isTTY?: boolean }).isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });

/**
 * Where log lines go: stdout, replaced in tests that read the logs. Written asynchronously (pino's sonic-boom, lines
 * gathered while a write is under way, flushed at exit): process.stdout writes each line with a blocking syscall,
 * which took a fifth of the API's CPU under load (bench/peer-review-allocation).
 */
export const LOG_STREAM = Symbol('LOG_STREAM');

@Module({
  providers: [{ provide: LOG_STREAM, useFactory: () => destination({ dest: 1, sync: false }) }],
  exports: [LOG_STREAM],
})
class LogStreamModule {}

/**
 * pino logs, one line per event, carrying requestId; no bodies, headers or query strings. JSON in production and
 * tests (for machines); in development, the same lines made readable for the person at the terminal.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [LogStreamModule],
      inject: [AppConfig, LOG_STREAM],
      useFactory: (config: AppConfig, stream: NodeJS.WritableStream) => ({
        pinoHttp: [
          {
            level: config.LOG_LEVEL,
            genReqId: requestId,
            // On the request's line and on every line logged while serving it.
            customProps: (req: IncomingMessage & { id?: unknown }) => ({ requestId: req.id }),
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOnly(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            // Health probes run every few seconds; their lines would drown the rest.
            autoLogging: { ignore: (req: IncomingMessage) => pathOnly(req.url).startsWith('/health') },
          },
          config.NODE_ENV === 'development' ? readable(stream) : stream,
        ],
        // Nest 11's router wants named wildcards; the library's default '*' logs a warning at every boot.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      }),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
