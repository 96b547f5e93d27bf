import { execFileSync } from 'node:child_process';
import type { OpenAPIObject } from '@nestjs/swagger';
import { fromRepoRoot } from '@app/core';

/** Where the web app's generated API types live (repository-relative). */
export const WEB_API_TYPES = 'apps/web/src/api/schema.d.ts';

/** The TypeScript types of the API's OpenAPI document, as the web app's openapi-fetch client uses them. */
export function webApiTypes(document: OpenAPIObject): string {
  return execFileSync(process.execPath, [fromRepoRoot('scripts', 'lib', 'openapi-types.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}
