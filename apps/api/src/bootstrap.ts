import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, AppLogger } from '@app/core';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation.pipe';
import { mountWebApp } from './http/web-app';
import { mountQueueBoard } from './operations/queue-board';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the e2e tests both apply, so tests exercise the app as it runs in production. */
export function configureApi(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(new AppLogger(app.get(Logger)));
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  applyRoutePrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  mountOpenApi(app);
  mountQueueBoard(app);
  mountWebApp(app);
}

/** `/api/v1` before every route but the probes' (health, metrics), which sit where orchestrators look. */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
}

function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

/** The API's OpenAPI document (served at /docs-json; the web app's types are generated from it). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Commonplace API')
      .setDescription(
        'Peer learning: study groups, cohorts, peer review, badges and digests. Every error is an RFC 9457 ' +
          'application/problem+json body with a stable `code` and, for bad fields, an `errors` list naming each one.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
