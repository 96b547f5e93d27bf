import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The API serves the web app from its own origin (one origin, no CORS): its page for every link into the app, its
 * files, and the headers that keep its pages to our own scripts; what the server answers itself stays the server's.
 */
describe('the web app, served by the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers the app page for a link into it, with a CSP that allows no inline script and no framing', async () => {
    for (const path of ['/', '/groups/3f0c8a53-3a59-4a57-9c2d-6d2f7b0b5f1e', '/verify-email?token=abc']) {
      const res = await api.http().get(path).set('Accept', 'text/html').expect(200);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('<div id="root"></div>');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the page with no inline script, and its hashed assets cached for good', async () => {
    const page = await api.http().get('/').set('Accept', 'text/html').expect(200);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = /<script[^>]*src="([^"]+)"/.exec(page.text)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    const asset = await api.http().get(script!).expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('leaves what the server answers to the server: API errors stay problem+json, health and docs their own', async () => {
    const missing = await api.http().get('/api/v1/no-such-thing').set('Accept', 'text/html,*/*');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/problem+json');
    await api.http().get('/health/live').set('Accept', 'text/html').expect(200);
    expect((await api.http().get('/docs-json').set('Accept', 'text/html,*/*')).body.openapi).toMatch(/^3\./);
    // Only pages are the app's: a POST, or a client that wants JSON, gets no HTML.
    expect((await api.http().post('/groups/x').set('Accept', 'text/html')).type).not.toBe('text/html');
    expect((await api.http().get('/groups/x').set('Accept', 'application/json')).status).toBe(404);
  });
});
