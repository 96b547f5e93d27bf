import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApi, type TestApi } from '../support/api-app';

/** The bytes as they travel (no client in between that decompresses them), with the headers. */
function rawGet(
  server: Server,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

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

  it('sends the scripts and styles compressed as the browser accepts them, the same bytes once decompressed', async () => {
    const server = api.app.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const page = await api.http().get('/').set('Accept', 'text/html').expect(200);
      const assets = [...page.text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
      expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      for (const asset of assets) {
        const plain = await rawGet(server, asset, {});
        expect(plain.status).toBe(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        // Chromium's own header: brotli, the smaller, is chosen though gzip comes first.
        const br = await rawGet(server, asset, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
        const gzip = await rawGet(server, asset, { 'Accept-Encoding': 'gzip, deflate' });
        expect(br.headers['content-encoding']).toBe('br');
        expect(gzip.headers['content-encoding']).toBe('gzip');
        expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
        expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
        // Code splitting leaves small chunks: they shrink less, but still shrink.
        expect(br.body.length).toBeLessThan(plain.body.length * (plain.body.length > 10_000 ? 0.4 : 0.9));
        expect(Number(br.headers['content-length'])).toBe(br.body.length);
        for (const res of [plain, br, gzip]) {
          expect(res.headers['content-type']).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
          expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
          expect(res.headers.vary).toMatch(/Accept-Encoding/i);
          expect(res.headers['x-content-type-options']).toBe('nosniff');
        }
        // A browser holding the compressed copy asks again: not modified, nothing sent.
        const again = await rawGet(server, asset, {
          'Accept-Encoding': 'br',
          'If-None-Match': String(br.headers.etag),
        });
        expect(again.status).toBe(304);
        // A client that refuses both codings gets the plain file.
        const refused = await rawGet(server, asset, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
        expect(refused.headers['content-encoding']).toBeUndefined();
        expect(refused.body.equals(plain.body)).toBe(true);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
