import { startTestApi, type TestApi } from '../support/api-app';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** What every client can rely on, whatever the endpoint. */
describe('API conventions', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ BODY_LIMIT: '2kb' });
  });
  afterAll(() => api.close());

  it('answers errors as RFC 9457 problem+json with a stable code and the request id', async () => {
    const res = await api.http().get('/api/v1/no-such-thing').set('X-Request-Id', 'trace-abc.123');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', title: 'Not Found', requestId: 'trace-abc.123' });
    expect(res.body.type).toBe('urn:commonplace:problem:not_found');
  });

  it('gives every response a request id, making one up when the caller sent none or a bad one', async () => {
    const plain = await api.http().get('/health/live');
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await api.http().get('/health/live').set('X-Request-Id', 'bad id\twith spaces');
    expect(hostile.headers['x-request-id']).not.toContain('bad id');
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@example.org', password: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('payload_too_large');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const res = await api.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
  });

  it('requires a valid access token on private routes', async () => {
    const none = await api.http().get('/api/v1/users/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthenticated');
    const forged = await api.http().get('/api/v1/users/me').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.e30.');
    expect(forged.status).toBe(401);
  });

  it('reports liveness and readiness with PostgreSQL and Redis checked', async () => {
    expect((await api.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves an OpenAPI 3 document that describes the routes and the problem schema', async () => {
    const res = await api.http().get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/users/me',
        '/api/v1/users/{userId}/export',
      ]),
    );
    expect(res.body.components.schemas.ProblemDto.properties).toHaveProperty('code');
    expect(res.body.paths['/api/v1/auth/register'].post.responses).toHaveProperty('409');
    const ui = await api.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('lists every route the API serves in the OpenAPI document, with its method', async () => {
    const documented = new Set<string>();
    const { paths } = (await api.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // Express's own table of what the application answers: a controller's route takes one method (middleware is
    // mounted for every method), and Swagger's pages are what serves the document.
    const router = (api.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } }).router;
    const served = router.stack.flatMap(({ route }) => {
      const methods = route ? Object.keys(route.methods) : [];
      if (!route || methods.length !== 1 || route.path.startsWith('/docs')) return [];
      return [`${methods[0]!.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`];
    });
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });
});
