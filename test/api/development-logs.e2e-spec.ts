import { PassThrough } from 'node:stream';
import { startTestApi, type TestApi } from '../support/api-app';

/** A developer at a terminal reads the logs: in development they are text, one event per line, not JSON. */
describe('development logs', () => {
  let api: TestApi;
  let output = '';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    api = await startTestApi({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, { logStream: stream });
  });
  afterAll(() => api.close());

  it('are readable lines with the level, message and request id, not JSON', async () => {
    await api.http().get('/api/v1/courses').set('X-Request-Id', 'req-dev-1').expect(200);
    // The line is written once the response has finished, through pino-pretty's stream: wait for it.
    for (let waited = 0; !output.includes('request completed') && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const lines = output.split('\n').filter(Boolean);
    const line = lines.find((l) => l.includes('request completed'));
    expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: request completed \{/);
    expect(line).toContain('"requestId":"req-dev-1"');
    expect(line).toContain('"path":"/api/v1/courses"');
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
  });
});
