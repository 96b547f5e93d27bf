import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../apps/api/src/bootstrap';
import { WEB_API_TYPES, webApiTypes } from '../../scripts/lib/web-api-types';
import { startTestApi, type TestApi } from '../support/api-app';

/** The web app's client is typed from the API's OpenAPI document: a change to the API must regenerate it. */
describe('the web app API types', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('match the OpenAPI document of the API as it runs (else: npm run web:api-types)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', WEB_API_TYPES), 'utf8');
    const fresh = webApiTypes(openApiDocument(api.app));
    expect(fresh === committed).toBe(true);
  });
});
