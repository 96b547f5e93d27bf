import { PassThrough } from 'node:stream';
import { NotificationJob } from '@app/notifications';
import { startTestApi, type TestApi } from '../support/api-app';
import { startTestWorker, type TestWorker } from '../support/worker-app';

/**
 * An idle platform used to write a line every 2-5 s ("job completed" with nothing done) and 200 lines of route
 * mapping at every boot, which buried what an operator looks for: those are debug lines now. A file of its own:
 * nestjs-pino keeps the first logger a process makes for every line logged outside a request.
 */
describe('routine lines at debug', () => {
  let api: TestApi;
  let worker: TestWorker;
  const entries: LogEntry[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) =>
      entries.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as LogEntry),
      ),
    );
    api = await startTestApi({ LOG_LEVEL: 'debug' }, { logStream: stream });
    worker = await startTestWorker(api, { logStream: stream });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it("logs Nest's module and route wiring at debug, so a boot at info lists none of it", () => {
    const wiring = entries.filter((e) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(e.context!));
    expect(wiring.map((e) => e.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/Mapped \{\/api\/v1/)]));
    expect(wiring.filter((e) => e.level !== DEBUG)).toEqual([]);
  });

  it('logs a scheduled job that found nothing to do at debug, and one that did work at info', async () => {
    const relayRuns = () => entries.filter((e) => e.msg === 'job completed' && e.job === NotificationJob.RelayOutbox);
    // The relay runs every 2 s; an empty outbox gives it nothing to do.
    await eventually(() => relayRuns().some((e) => e.events === 0));
    expect(relayRuns().filter((e) => e.events === 0 && e.level !== DEBUG)).toEqual([]);

    const { user } = await api.make.user();
    await api.db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ('identity.preferences-changed', 'user', $1::uuid, jsonb_build_object('userId', $1::text, 'fields', '[]'::jsonb), $2)`,
      [user.id, api.clock.now()],
    );
    const worked = await eventually(() => relayRuns().find((e) => Number(e.events) > 0));
    expect(worked).toMatchObject({ level: INFO, events: 1 });
  });
});

const DEBUG = 20;
const INFO = 30;

type LogEntry = Record<string, unknown> & { level: number; msg?: string; context?: string };

async function eventually<T>(check: () => T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
