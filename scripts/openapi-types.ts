import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { fromRepoRoot } from '@app/core';
import { ApiModule } from '../apps/api/src/api.module';
import { applyRoutePrefix, openApiDocument } from '../apps/api/src/bootstrap';
import { WEB_API_TYPES, webApiTypes } from './lib/web-api-types';

/**
 * `npm run web:api-types`: writes the web app's API types (apps/web/src/api/schema.d.ts) from the API's OpenAPI
 * document. The application is created in preview mode (its routes and DTOs are read, nothing connects), so it
 * needs no database. test/web/api-types.e2e-spec.ts fails when the committed file is stale.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { preview: true, logger: false });
  applyRoutePrefix(app);
  const types = webApiTypes(openApiDocument(app));
  writeFileSync(fromRepoRoot(WEB_API_TYPES), types);
  console.log(`Wrote ${WEB_API_TYPES}.`);
  await app.close();
}

void main();
